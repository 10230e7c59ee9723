/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cm-figure-spec.h"

G_BEGIN_DECLS

/* What Export Figure lets the user choose, as the settings keep it (the
 * export-* keys; the nicks are the schema's) and as Copy Figure uses it
 * too. The enums' value orders are the dialog's rows' orders. */

#define CM_TYPE_FIGURE_VIEW  (cm_figure_view_get_type ())
#define CM_TYPE_EXPORT_PAGE  (cm_export_page_get_type ())
#define CM_TYPE_EXPORT_FILE_TYPE (cm_export_file_type_get_type ())
#define CM_TYPE_STEP_UNIT    (cm_step_unit_get_type ())
#define CM_TYPE_FIGURE_STYLE (cm_figure_style_get_type ())

typedef enum
{
  CM_EXPORT_PAGE_A4_LANDSCAPE,
  CM_EXPORT_PAGE_A4,
  CM_EXPORT_PAGE_A3_LANDSCAPE,
  CM_EXPORT_PAGE_A3,
  CM_EXPORT_PAGE_A5_LANDSCAPE,
  CM_EXPORT_PAGE_A5,
  CM_EXPORT_PAGE_LETTER_LANDSCAPE,
  CM_EXPORT_PAGE_LETTER,
  CM_EXPORT_PAGE_PIXELS,        /* width × height pixels at the dpi */
} CmExportPage;

/* What Export writes: a figure in a CmExportFormat, or the diffusion as
 * an animation (cm-animation.h) from the start of the period shown to
 * its end. */
typedef enum
{
  CM_EXPORT_FILE_PNG,
  CM_EXPORT_FILE_SVG,
  CM_EXPORT_FILE_PDF,
  CM_EXPORT_FILE_WEBP,         /* animated */
  CM_EXPORT_FILE_GIF,          /* animated */
  CM_EXPORT_FILE_PNG_FRAMES,   /* a folder of PNG frames */
} CmExportFileType;

typedef enum
{
  CM_FIGURE_STYLE_AS_WINDOW,
  CM_FIGURE_STYLE_LIGHT,
  CM_FIGURE_STYLE_DARK,
} CmFigureStyle;

typedef struct
{
  CmFigureView     view;
  CmExportPage     page;
  int              width;       /* pixels, for CM_EXPORT_PAGE_PIXELS */
  int              height;
  int              dpi;
  CmExportFileType type;
  CmFigureStyle    style;
  CmLabelLanguage  language;    /* auto: the window's */
  CmStepUnit       step;        /* an animation's: one frame per step */
  int              fps;
} CmExportChoices;

GType        cm_figure_view_get_type   (void) G_GNUC_CONST;
GType        cm_export_page_get_type   (void) G_GNUC_CONST;
GType        cm_export_file_type_get_type (void) G_GNUC_CONST;
GType        cm_step_unit_get_type     (void) G_GNUC_CONST;
GType        cm_figure_style_get_type  (void) G_GNUC_CONST;

/* The defaults when @settings is NULL (no schema installed). */
void         cm_export_choices_load    (CmExportChoices       *choices,
                                        GSettings             *settings);
/* Sets @spec's view, page, format, dpi, style and language; @dark and
 * @language are the window's, for "as the window". */
void         cm_export_choices_apply   (const CmExportChoices *choices,
                                        CmFigureSpec          *spec,
                                        gboolean               dark,
                                        CmLabelLanguage        language);
/* The file extension of @type, without the dot; "" for a folder. */
const char  *cm_export_file_extension (CmExportFileType        type);

G_END_DECLS
