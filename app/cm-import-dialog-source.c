/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-import-dialog-private.h"

/* The Import dialog's rows above the table: which sheet or layer of a
 * workbook or GIS file, the encoding of a text file, the order of day and
 * month, and the zone of times without an offset: the CLI's --sheet,
 * --encoding, --date-format and --tz. Each change checks the whole file
 * again, as a change of role does.
 *
 * The day/month row is always shown: it says that such dates are never
 * guessed, and it is needed before any date column is found (a column of
 * 03/04/2021 alone reads neither way, so no date is found until the
 * order is chosen). */

/* The encodings offered, by the names iconv knows; UTF-8 first, for no
 * conversion. */
static const struct
{
  const char *name;
  const char *label;
} encodings[] = {
  { "UTF-8", N_("Unicode (UTF-8)") },
  { "WINDOWS-1252", N_("Western European (Windows-1252)") },
  { "ISO-8859-1", N_("Western European (ISO-8859-1)") },
  { "ISO-8859-15", N_("Western European (ISO-8859-15)") },
  { "WINDOWS-1250", N_("Central European (Windows-1250)") },
  { "WINDOWS-1251", N_("Cyrillic (Windows-1251)") },
  { "GB18030", N_("Chinese, Simplified (GB18030)") },
  { "BIG5", N_("Chinese, Traditional (Big5)") },
  { "SHIFT_JIS", N_("Japanese (Shift_JIS)") },
  { "EUC-KR", N_("Korean (EUC-KR)") },
  { "UTF-16", N_("Unicode (UTF-16)") },
};

static void
set_selected (CmImportDialog *self,
              AdwComboRow    *row,
              guint           selected)
{
  self->syncing = TRUE;
  adw_combo_row_set_selected (row, selected);
  self->syncing = FALSE;
}

static GtkExpression *
string_expression (void)
{
  return gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
}

/* Encoding ------------------------------------------------------------------ */

static guint
encoding_index (CmImportDialog *self,
                const char     *name)
{
  if (name == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (g_ascii_strcasecmp (name, encodings[i].name) == 0)
      return i;
  return G_N_ELEMENTS (encodings);  /* the other one, after the list */
}

static void
fill_encodings (CmImportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (labels, _(encodings[i].label));
  if (self->base.encoding != NULL && encoding_index (self, self->base.encoding) == G_N_ELEMENTS (encodings))
    {
      self->other_encoding = g_strdup (self->base.encoding);
      gtk_string_list_append (labels, self->other_encoding);
    }
  self->syncing = TRUE;
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (labels));
  self->syncing = FALSE;
  set_selected (self, self->encoding_row, encoding_index (self, self->base.encoding));
}

static void
encoding_changed (CmImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->encoding_row);

  if (self->syncing || i == GTK_INVALID_LIST_POSITION)
    return;
  g_clear_pointer (&self->base.encoding, g_free);
  /* UTF-8 is what is read without one. */
  if (i > 0)
    self->base.encoding = g_strdup (i < G_N_ELEMENTS (encodings) ? encodings[i].name : self->other_encoding);
  _cm_import_dialog_schedule_check (self, TRUE);
}

/* A file not in the encoding chosen has no columns to show: the table's
 * place says so, where, and offers the two encodings such files are most
 * often in, which the Encoding row above holds too. */
static void
choose_encoding (CmImportDialog *self,
                 const char     *name)
{
  adw_combo_row_set_selected (self->encoding_row, encoding_index (self, name));
}

static void
try_western (CmImportDialog *self)
{
  choose_encoding (self, "WINDOWS-1252");
}

static void
try_chinese (CmImportDialog *self)
{
  choose_encoding (self, "GB18030");
}

static void
show_unreadable (CmImportDialog *self)
{
  const char *current = self->base.encoding != NULL ? self->base.encoding : "UTF-8";
  guint i = encoding_index (self, current);
  const char *label = i < G_N_ELEMENTS (encodings) ? _(encodings[i].label) : current;
  guint line = 0, n = self->diagnostics != NULL ? cm_diagnostics_get_n (self->diagnostics) : 0;
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  g_autofree char *description = NULL;

  for (guint k = 0; k < n && line == 0; k++)
    {
      const CmDiagnostic *d = cm_diagnostics_get (self->diagnostics, k);
      if (d->severity == CM_SEVERITY_ERROR)
        line = d->line;
    }
  /* Translators: %s is an encoding as the Encoding row lists it,
   * "Unicode (UTF-8)". */
  title = g_strdup_printf (_("Not Readable as %s"), label);
  where = line > 0
          /* Translators: the start of a sentence; %u is a line number. */
          ? g_strdup_printf (_("Line %u of the file is not written in this encoding, so no columns can be shown."), line)
          : g_strdup (_("The file is not written in this encoding, so no columns can be shown."));
  description = g_strdup_printf ("%s %s", where,
                                 _("Choose the encoding it was saved in with Encoding above. Files saved by "
                                   "spreadsheet programs are often in Western European (Windows-1252) or, "
                                   "in Chinese, in GB18030."));
  adw_status_page_set_title (self->unreadable_page, title);
  adw_status_page_set_description (self->unreadable_page, description);
  gtk_widget_set_visible (self->try_western_button, g_ascii_strcasecmp (current, "WINDOWS-1252") != 0);
  gtk_widget_set_visible (self->try_chinese_button, g_ascii_strcasecmp (current, "GB18030") != 0);
}

/* Sheet or layer -------------------------------------------------------------- */

static gboolean
same_sheets (GListModel *model,
             GPtrArray  *sheets)
{
  if (model == NULL || g_list_model_get_n_items (model) != sheets->len)
    return FALSE;
  for (guint i = 0; i < sheets->len; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), sheets->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static void
fill_sheets (CmImportDialog *self)
{
  const CmImportPreview *p = self->preview;
  GListModel *model = adw_combo_row_get_model (self->sheet_row);
  guint selected = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sheet_row),
                                 p->source == CM_IMPORT_SOURCE_WORKBOOK ? _("_Sheet") : _("_Layer"));
  if (!same_sheets (model, p->sheets))
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      for (guint i = 0; i < p->sheets->len; i++)
        gtk_string_list_append (names, p->sheets->pdata[i]);
      self->syncing = TRUE;
      adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (names));
      self->syncing = FALSE;
    }
  for (guint i = 0; i < p->sheets->len; i++)
    if (g_strcmp0 (p->sheets->pdata[i], p->sheet) == 0)
      selected = i;
  set_selected (self, self->sheet_row, selected);
}

static void
sheet_changed (CmImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->sheet_row);
  GListModel *model = adw_combo_row_get_model (self->sheet_row);

  if (self->syncing || model == NULL || i == GTK_INVALID_LIST_POSITION)
    return;
  g_free (self->base.sheet);
  self->base.sheet = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  _cm_import_dialog_schedule_check (self, TRUE);
}

/* Dates ------------------------------------------------------------------------ */

static void
order_changed (CmImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->order_row);

  if (self->syncing || i > CM_DATE_ORDER_MDY)
    return;
  self->base.date_order = (CmDateOrder) i;
  _cm_import_dialog_schedule_check (self, FALSE);
}

/* "" and "UTC" are the default, no zone given. */
static gboolean
zone_is_default (const char *text)
{
  return *text == '\0' || g_ascii_strcasecmp (text, "UTC") == 0;
}

static gboolean
zone_is_valid (const char *text)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (zone_is_default (text))
    return TRUE;
  zone = cm_import_zone_new (text);
  return zone != NULL;
}

/* Marked as it is typed; only a zone that exists is applied. */
static void
zone_changed (CmImportDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->zone_row));

  if (zone_is_valid (text))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->zone_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->zone_row), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->zone_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->zone_row),
                                   _("Unknown time zone: give a name such as Asia/Shanghai or Europe/Paris, "
                                     "UTC, or an offset such as +08:00"));
    }
}

static void
zone_applied (CmImportDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->zone_row))));

  if (!zone_is_valid (text))
    {
      gtk_widget_error_bell (GTK_WIDGET (self->zone_row));
      return;
    }
  g_clear_pointer (&self->base.zone, g_free);
  if (!zone_is_default (text))
    self->base.zone = g_steal_pointer (&text);
  _cm_import_dialog_schedule_check (self, FALSE);
}

/* Together ---------------------------------------------------------------------- */

void
_cm_import_dialog_source_show (CmImportDialog *self)
{
  const CmImportPreview *p = self->preview;
  gboolean sheets = p->sheets != NULL && (p->source == CM_IMPORT_SOURCE_WORKBOOK || p->sheets->len > 1);
  gboolean text = p->source == CM_IMPORT_SOURCE_TEXT;

  if (sheets)
    fill_sheets (self);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), sheets);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), text);
  gtk_widget_set_visible (self->source_list, sheets || text);
  if (p->unreadable_text)
    show_unreadable (self);
  gtk_stack_set_visible_child_name (self->table_stack, p->unreadable_text ? "unreadable" : "table");
}

void
_cm_import_dialog_source_init (CmImportDialog *self)
{
  /* Before the handlers: a new expression notifies "selected". */
  adw_combo_row_set_expression (self->sheet_row, string_expression ());
  adw_combo_row_set_expression (self->encoding_row, string_expression ());
  adw_combo_row_set_expression (self->order_row, string_expression ());
  g_signal_connect_swapped (self->sheet_row, "notify::selected", G_CALLBACK (sheet_changed), self);
  g_signal_connect_swapped (self->encoding_row, "notify::selected", G_CALLBACK (encoding_changed), self);
  g_signal_connect_swapped (self->order_row, "notify::selected", G_CALLBACK (order_changed), self);
  g_signal_connect_swapped (self->zone_row, "changed", G_CALLBACK (zone_changed), self);
  g_signal_connect_swapped (self->zone_row, "apply", G_CALLBACK (zone_applied), self);
  g_signal_connect_swapped (self->try_western_button, "clicked", G_CALLBACK (try_western), self);
  g_signal_connect_swapped (self->try_chinese_button, "clicked", G_CALLBACK (try_chinese), self);
}

void
_cm_import_dialog_source_set (CmImportDialog *self)
{
  fill_encodings (self);
  set_selected (self, self->order_row, self->base.date_order);
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->zone_row), self->base.zone != NULL ? self->base.zone : "UTC");
  self->syncing = FALSE;
  zone_changed (self);
  _cm_import_dialog_source_show (self);
}

void
_cm_import_dialog_source_finalize (CmImportDialog *self)
{
  g_free (self->other_encoding);
}

void
_cm_import_dialog_source_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, source_list);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, order_row);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, zone_row);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, table_stack);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, unreadable_page);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, try_western_button);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, try_chinese_button);
}
