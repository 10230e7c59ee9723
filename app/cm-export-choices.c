/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-export-choices.h"
#include "cm-page.h"

/* The page nicks are cm_page_parse()'s names. */
G_DEFINE_ENUM_TYPE (CmExportPage, cm_export_page,
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_A4_LANDSCAPE, "a4-landscape"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_A4, "a4"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_A3_LANDSCAPE, "a3-landscape"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_A3, "a3"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_A5_LANDSCAPE, "a5-landscape"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_A5, "a5"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_LETTER_LANDSCAPE, "letter-landscape"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_LETTER, "letter"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_PAGE_PIXELS, "pixels"))

/* The command line's --view words. */
G_DEFINE_ENUM_TYPE (CmFigureView, cm_figure_view,
  G_DEFINE_ENUM_VALUE (CM_FIGURE_VIEW_MAP, "map"),
  G_DEFINE_ENUM_VALUE (CM_FIGURE_VIEW_TIMELINE, "timeline"),
  G_DEFINE_ENUM_VALUE (CM_FIGURE_VIEW_BOTH, "both"),
  G_DEFINE_ENUM_VALUE (CM_FIGURE_VIEW_ADOPTION, "adoption"))

G_DEFINE_ENUM_TYPE (CmExportFileType, cm_export_file_type,
  G_DEFINE_ENUM_VALUE (CM_EXPORT_FILE_PNG, "png"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_FILE_SVG, "svg"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_FILE_PDF, "pdf"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_FILE_WEBP, "webp"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_FILE_GIF, "gif"),
  G_DEFINE_ENUM_VALUE (CM_EXPORT_FILE_PNG_FRAMES, "png-frames"))

G_DEFINE_ENUM_TYPE (CmStepUnit, cm_step_unit,
  G_DEFINE_ENUM_VALUE (CM_STEP_DAY, "day"),
  G_DEFINE_ENUM_VALUE (CM_STEP_WEEK, "week"),
  G_DEFINE_ENUM_VALUE (CM_STEP_MONTH, "month"),
  G_DEFINE_ENUM_VALUE (CM_STEP_QUARTER, "quarter"),
  G_DEFINE_ENUM_VALUE (CM_STEP_YEAR, "year"))

/* The schema's Style enum, whose "default" is here the window's style. */
G_DEFINE_ENUM_TYPE (CmFigureStyle, cm_figure_style,
  G_DEFINE_ENUM_VALUE (CM_FIGURE_STYLE_AS_WINDOW, "default"),
  G_DEFINE_ENUM_VALUE (CM_FIGURE_STYLE_LIGHT, "light"),
  G_DEFINE_ENUM_VALUE (CM_FIGURE_STYLE_DARK, "dark"))

void
cm_export_choices_load (CmExportChoices *choices,
                        GSettings       *settings)
{
  g_return_if_fail (choices != NULL);

  if (settings == NULL)
    {
      *choices = (CmExportChoices) {
        CM_FIGURE_VIEW_BOTH, CM_EXPORT_PAGE_A4_LANDSCAPE, 1600, 900, 300, CM_EXPORT_FILE_PNG,
        CM_FIGURE_STYLE_AS_WINDOW, CM_LABEL_LANGUAGE_AUTO, CM_STEP_MONTH, 4
      };
      return;
    }
  choices->view = g_settings_get_enum (settings, "export-view");
  choices->page = g_settings_get_enum (settings, "export-page");
  choices->width = g_settings_get_int (settings, "export-width");
  choices->height = g_settings_get_int (settings, "export-height");
  choices->dpi = g_settings_get_int (settings, "export-dpi");
  choices->type = g_settings_get_enum (settings, "export-format");
  choices->step = g_settings_get_enum (settings, "export-step");
  choices->fps = g_settings_get_int (settings, "export-fps");
  choices->style = g_settings_get_enum (settings, "export-style");
  choices->language = g_settings_get_enum (settings, "export-language");
}

void
cm_export_choices_apply (const CmExportChoices *choices,
                         CmFigureSpec          *spec,
                         gboolean               dark,
                         CmLabelLanguage        language)
{
  CmFigureOptions *o;

  g_return_if_fail (choices != NULL && spec != NULL);

  o = &spec->options;
  gboolean pixels = choices->type != CM_EXPORT_FILE_SVG && choices->type != CM_EXPORT_FILE_PDF;

  o->view = choices->view;
  /* An animation's frames are PNG pages. */
  spec->format = pixels ? CM_EXPORT_PNG : (CmExportFormat) choices->type;
  spec->dpi = pixels ? choices->dpi : 96;
  spec->animate = choices->type >= CM_EXPORT_FILE_WEBP;
  spec->animation.format = choices->type == CM_EXPORT_FILE_WEBP ? CM_ANIMATION_WEBP
                           : choices->type == CM_EXPORT_FILE_GIF ? CM_ANIMATION_GIF : CM_ANIMATION_PNG_SERIES;
  spec->animation.step.n = 1;
  spec->animation.step.unit = choices->step;
  spec->animation.fps = CLAMP (choices->fps, 1, 50);
  /* As chronomap export --animate: the last frame stays two seconds. */
  spec->animation.hold = 2.0;
  if (choices->page == CM_EXPORT_PAGE_PIXELS)
    {
      /* Pixels at the dpi, as `chronomap export --width --height`. */
      double unit = pixels ? 96.0 / choices->dpi : 1;

      o->width = choices->width * unit;
      o->height = choices->height * unit;
    }
  else
    {
      GEnumClass *klass = g_type_class_ref (CM_TYPE_EXPORT_PAGE);
      GEnumValue *v = g_enum_get_value (klass, choices->page);

      if (v == NULL || !cm_page_parse (v->value_nick, &o->width, &o->height))
        cm_page_parse ("a4-landscape", &o->width, &o->height);
      g_type_class_unref (klass);
    }
  o->dark = choices->style == CM_FIGURE_STYLE_AS_WINDOW ? dark : choices->style == CM_FIGURE_STYLE_DARK;
  o->language = choices->language == CM_LABEL_LANGUAGE_AUTO ? language : choices->language;
}

const char *
cm_export_file_extension (CmExportFileType type)
{
  static const char * const extensions[] = { "png", "svg", "pdf", "webp", "gif", "" };

  return type < G_N_ELEMENTS (extensions) ? extensions[type] : "png";
}
