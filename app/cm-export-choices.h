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
#define CM_TYPE_EXPORT_FORMAT (cm_export_format_get_type ())
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
  CmExportFormat   format;
  CmFigureStyle    style;
  CmLabelLanguage  language;    /* auto: the window's */
} CmExportChoices;

GType        cm_figure_view_get_type   (void) G_GNUC_CONST;
GType        cm_export_page_get_type   (void) G_GNUC_CONST;
GType        cm_export_format_get_type (void) G_GNUC_CONST;
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
/* The file extension of @format, without the dot. */
const char  *cm_export_format_extension (CmExportFormat        format);

G_END_DECLS
