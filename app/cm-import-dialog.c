/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-import-dialog-private.h"
#include "cm-import-memory.h"
#include "cm-loader.h"
#include "cm-text.h"

/* Every label here is plain text: column names and cells come from the
 * file and are never read as markup. */

/* Wider tables show their first columns; the rest keep what was found. */
#define MAX_SHOWN_COLUMNS 100
#define CELL_CHARS 28
#define MAX_PROBLEM_LINES 8
/* Choices made in a row (a role moved from one column to another) are
 * checked once. */
#define UPDATE_DELAY_MS 150

G_DEFINE_FINAL_TYPE (CmImportDialog, cm_import_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_IMPORT,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* In the choosers' order: "Not used", then the roles as CmRole has them. */
static const char *
role_label (guint index)
{
  switch (index)
    {
    case CM_ROLE_DATE: return _("Date");
    case CM_ROLE_END: return _("End date");
    case CM_ROLE_TIME: return _("Time of day");
    case CM_ROLE_ZONE: return _("Time zone");
    case CM_ROLE_LAT: return _("Latitude");
    case CM_ROLE_LON: return _("Longitude");
    case CM_ROLE_PLACE: return _("Place");
    case CM_ROLE_TITLE: return _("Title");
    case CM_ROLE_CATEGORY: return _("Category");
    case CM_ROLE_SUMMARY: return _("Summary");
    case CM_ROLE_URL: return _("Link");
    default: return _("Not used");
    }
}

static guint
role_to_item (CmRole role)
{
  return role >= CM_N_ROLES ? 0 : role + 1;
}

static CmRole
item_to_role (guint item)
{
  return item == 0 || item > CM_N_ROLES ? CM_N_ROLES : (CmRole) (item - 1);
}

static guint
n_shown_columns (CmImportDialog *self)
{
  return self->choosers != NULL ? self->choosers->len : 0;
}

/* The choices ------------------------------------------------------------- */

static void
collect_options (CmImportDialog  *self,
                 CmImportOptions *options)
{
  cm_import_options_copy (options, &self->base);
  for (guint r = 0; r < CM_N_ROLES; r++)
    {
      if (!self->touched[r])
        continue;
      g_free (options->columns[r]);
      options->columns[r] = g_strdup ("");
      for (guint c = 0; c < n_shown_columns (self); c++)
        if (self->roles[c] == r)
          {
            g_free (options->columns[r]);
            options->columns[r] = g_strdup (self->preview->names->pdata[c]);
          }
    }
}

static void
set_chooser (CmImportDialog *self,
             guint           column,
             CmRole          role)
{
  self->roles[column] = role;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (g_ptr_array_index (self->choosers, column), role_to_item (role));
  self->syncing = FALSE;
}

/* What the preview says ---------------------------------------------------- */

static void
show_count (CmImportDialog *self)
{
  g_autofree char *text = NULL;
  const CmImportPreview *p = self->preview;

  if (p != NULL && p->unreadable_text)
    text = g_strdup (_("The file is not written in this encoding: choose the one it is written in."));
  else if (p == NULL || !p->mapped)
    text = g_strdup (_("Nothing can be imported with these choices: choose the column that holds the dates."));
  else if (!self->loadable)
    {
      g_autofree char *total = cm_format_count (p->n_rows);

      text = g_strdup_printf (p->source == CM_IMPORT_SOURCE_FEATURES
                              ? ngettext ("The %s feature cannot be imported with these choices: see why below.",
                                          "None of the %s features can be imported with these choices: see why below.",
                                          p->n_rows)
                              : ngettext ("The %s row cannot be imported with these choices: see why below.",
                                          "None of the %s rows can be imported with these choices: see why below.",
                                          p->n_rows),
                              total);
    }
  else
    {
      g_autofree char *loaded = cm_format_count (self->n_loaded);
      g_autofree char *total = cm_format_count (p->n_rows);
      guint skipped = p->n_rows > self->n_loaded ? p->n_rows - self->n_loaded : 0;

      if (skipped == 0)
        text = g_strdup_printf (p->source == CM_IMPORT_SOURCE_FEATURES ? ngettext ("All %s feature will be imported.",
                                                        "All %s features will be imported.", p->n_rows)
                                            : ngettext ("All %s row will be imported.",
                                                        "All %s rows will be imported.", p->n_rows),
                                total);
      else
        {
          g_autofree char *n_skipped = cm_format_count (skipped);

          text = g_strdup_printf (p->source == CM_IMPORT_SOURCE_FEATURES ? ngettext ("%s of %s feature will be imported; %s will be skipped.",
                                                          "%s of %s features will be imported; %s will be skipped.",
                                                          p->n_rows)
                                              : ngettext ("%s of %s row will be imported; %s will be skipped.",
                                                          "%s of %s rows will be imported; %s will be skipped.",
                                                          p->n_rows),
                                  loaded, total, n_skipped);
        }
    }
  gtk_label_set_text (self->count_label, text);
}

/* Errors and warnings first, each FILE:LINE:COLUMN: …, then what was
 * decided (notes), a few lines in all. */
static void
show_problems (CmImportDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint lines = 0, n = self->diagnostics ? cm_diagnostics_get_n (self->diagnostics) : 0;
  const char *file_name = self->diagnostics ? cm_diagnostics_get_file_name (self->diagnostics) : NULL;

  for (int severity = CM_SEVERITY_ERROR; severity >= CM_SEVERITY_NOTE; severity--)
    for (guint i = 0; i < n && lines < MAX_PROBLEM_LINES; i++)
      {
        const CmDiagnostic *d = cm_diagnostics_get (self->diagnostics, i);
        g_autofree char *line = NULL;

        if ((int) d->severity != severity)
          continue;
        line = cm_diagnostic_format (d, file_name);
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", line);
        lines++;
      }
  if (n > lines)
    g_string_append_printf (text, "\n%s", _("… and more: see Main Menu › Show Problems after importing."));
  if (n == 0)
    g_string_append (text, _("No problems found."));
  gtk_label_set_text (self->problems_label, text->str);
}

static void
show_state (CmImportDialog *self,
            gboolean        updating)
{
  gtk_spinner_set_spinning (self->spinner, updating);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), updating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.accept", !updating && self->loadable);
  if (updating)
    gtk_label_set_text (self->count_label, _("Checking the whole file with these choices…"));
  else
    {
      show_count (self);
      show_problems (self);
    }
}

/* How row @r is read: its date in ISO 8601 (in UTC, so that a time zone
 * shows), or why it is skipped. */
static char *
read_text (const CmImportPreview *p,
           guint                  r)
{
  const CmImportRead *read;

  if (p->read == NULL || r >= p->read->len)
    return g_strdup ("");
  read = &g_array_index (p->read, CmImportRead, r);
  if (read->skipped != NULL)
    /* Translators: the reason comes from the file's reader, in English:
     * "unreadable date", "no date", "ambiguous day and month"… */
    return g_strdup_printf (_("Skipped: %s"), _(read->skipped));
  return cm_date_format_iso (read->date.start, read->date.precision);
}

/* The roles of the new preview, the user's choices among them, and how
 * the rows shown are read with them. */
static void
sync_choosers (CmImportDialog *self)
{
  for (guint c = 0; c < n_shown_columns (self); c++)
    set_chooser (self, c, cm_import_preview_role_of (self->preview, c));
  for (guint r = 0; r < self->read_labels->len; r++)
    {
      g_autofree char *text = read_text (self->preview, r);
      GtkWidget *label = self->read_labels->pdata[r];

      gtk_label_set_text (GTK_LABEL (label), text);
      if (self->preview->read != NULL && r < self->preview->read->len &&
          g_array_index (self->preview->read, CmImportRead, r).skipped != NULL)
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
    }
}

/* The table ---------------------------------------------------------------- */

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Scrolled, a grid gets its minimum width: that of the text, up to
   * CELL_CHARS, not of the ellipsis. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (text, -1), CELL_CHARS));
  gtk_label_set_max_width_chars (GTK_LABEL (label), CELL_CHARS);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (g_utf8_strlen (text, -1) > CELL_CHARS || strchr (text, '\n') != NULL)
    {
      g_autofree char *tip = cm_text_shorten (text, 400);
      gtk_widget_set_tooltip_text (label, tip);
    }
  return label;
}

static void chooser_changed (GtkDropDown    *chooser,
                             GParamSpec     *pspec,
                             CmImportDialog *self);

/* Column 0 says how each row is read; the file's columns follow, each
 * under its role chooser. */
static void
build_table (CmImportDialog *self)
{
  const CmImportPreview *p = self->preview;
  guint n = MIN (p->names->len, MAX_SHOWN_COLUMNS);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  GtkWidget *heading;

  for (guint i = 0; i <= CM_N_ROLES; i++)
    gtk_string_list_append (roles, role_label (item_to_role (i)));
  self->roles = g_new (CmRole, n);
  self->choosers = g_ptr_array_new ();
  self->read_labels = g_ptr_array_new ();
  if (n > 0)
    {
      heading = cell_label (_("Date as read"), TRUE);
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_grid_attach (self->table_grid, heading, 0, 1, 1, 1);
      for (guint r = 0; r < p->rows->len; r++)
        {
          GtkWidget *label = cell_label ("", FALSE);

          gtk_widget_add_css_class (label, "numeric");
          gtk_grid_attach (self->table_grid, label, 0, r + 2, 1, 1);
          g_ptr_array_add (self->read_labels, label);
        }
    }
  for (guint c = 0; c < n; c++)
    {
      const char *name = p->names->pdata[c];
      GtkWidget *chooser = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
      g_autofree char *short_name = cm_text_shorten (name, 60);
      g_autofree char *label = g_strdup_printf (_("Role of column “%s”"), short_name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (chooser), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (chooser, label);
      g_ptr_array_add (self->choosers, chooser);
      gtk_grid_attach (self->table_grid, chooser, c + 1, 0, 1, 1);
      gtk_grid_attach (self->table_grid, cell_label (name, TRUE), c + 1, 1, 1, 1);
      for (guint r = 0; r < p->rows->len; r++)
        gtk_grid_attach (self->table_grid, cell_label (((char **) p->rows->pdata[r])[c], FALSE), c + 1, r + 2, 1, 1);
      g_signal_connect (chooser, "notify::selected", G_CALLBACK (chooser_changed), self);
    }
  if (p->names->len > n)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more column", "and %u more columns",
                                                         p->names->len - n), p->names->len - n);
      GtkWidget *label = cell_label (more, FALSE);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->table_grid, label, n + 1, 1, 1, 1);
    }
  sync_choosers (self);
}

static void
clear_table (CmImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);
  g_clear_pointer (&self->roles, g_free);
  g_clear_pointer (&self->choosers, g_ptr_array_unref);
  g_clear_pointer (&self->read_labels, g_ptr_array_unref);
}

/* Whether @a and @b show the same columns and cells. */
static gboolean
same_table (const CmImportPreview *a,
            const CmImportPreview *b)
{
  if (a->names->len != b->names->len || a->rows->len != b->rows->len)
    return FALSE;
  for (guint c = 0; c < a->names->len; c++)
    if (strcmp (a->names->pdata[c], b->names->pdata[c]) != 0)
      return FALSE;
  for (guint r = 0; r < a->rows->len; r++)
    for (guint c = 0; c < a->names->len; c++)
      if (strcmp (((char **) a->rows->pdata[r])[c], ((char **) b->rows->pdata[r])[c]) != 0)
        return FALSE;
  return TRUE;
}

/* Checking the choices ------------------------------------------------------ */

typedef struct
{
  GFile           *file;
  char            *name;
  CmImportOptions  options;
  CmImportPreview *preview;
  CmDiagnostics   *diagnostics;
} Check;

static void
check_free (Check *check)
{
  g_object_unref (check->file);
  g_free (check->name);
  cm_import_options_clear (&check->options);
  g_clear_pointer (&check->preview, cm_import_preview_free);
  g_clear_pointer (&check->diagnostics, cm_diagnostics_free);
  g_free (check);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;
  g_autoptr(CmDataset) dataset = NULL;

  dataset = cm_loader_load_file_preview (check->file, check->name, &check->options, CM_IMPORT_DIALOG_ROWS,
                                         &check->preview, &check->diagnostics, NULL, NULL, cancellable, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CmImportDialog *self = CM_IMPORT_DIALOG (source);
  Check *check = g_task_get_task_data (G_TASK (result));

  /* A newer choice replaced this check. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->diagnostics, cm_diagnostics_free);
  self->diagnostics = g_steal_pointer (&check->diagnostics);
  /* Other cells (another sheet or encoding, or the file changed under the
   * dialog) make another table; a file that cannot be read at all
   * cannot be imported with these choices, and the table stays. */
  if (check->preview != NULL)
    {
      gboolean rebuild = !same_table (self->preview, check->preview);

      cm_import_preview_free (self->preview);
      self->preview = g_steal_pointer (&check->preview);
      self->n_loaded = self->preview->n_loaded;
      self->loadable = self->preview->mapped && self->n_loaded > 0;
      if (rebuild)
        {
          clear_table (self);
          build_table (self);
        }
      else
        sync_choosers (self);
      _cm_import_dialog_source_show (self);
    }
  else
    {
      self->n_loaded = 0;
      self->loadable = FALSE;
    }
  show_state (self, FALSE);
}

static gboolean
start_check (gpointer user_data)
{
  CmImportDialog *self = user_data;
  g_autoptr(GTask) task = NULL;
  Check *check = g_new0 (Check, 1);

  self->update_source = 0;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  check->file = g_object_ref (self->file);
  check->name = g_strdup (self->name);
  collect_options (self, &check->options);
  task = g_task_new (self, self->cancellable, check_done, NULL);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_thread);
  return G_SOURCE_REMOVE;
}

void
_cm_import_dialog_schedule_check (CmImportDialog *self,
                                  gboolean        new_source)
{
  /* Another table: its columns are found again. */
  if (new_source)
    memset (self->touched, 0, sizeof self->touched);
  show_state (self, TRUE);
  g_clear_handle_id (&self->update_source, g_source_remove);
  self->update_source = g_timeout_add (UPDATE_DELAY_MS, start_check, self);
}

static void
chooser_changed (GtkDropDown    *chooser,
                 GParamSpec     *pspec,
                 CmImportDialog *self)
{
  guint column;
  CmRole role = item_to_role (gtk_drop_down_get_selected (chooser));

  if (self->syncing || !g_ptr_array_find (self->choosers, chooser, &column))
    return;
  /* The role leaves the column that had it; the column's old role is
   * now a choice too (none, unless given elsewhere). */
  if (self->roles[column] < CM_N_ROLES)
    self->touched[self->roles[column]] = TRUE;
  self->roles[column] = role;
  if (role < CM_N_ROLES)
    {
      self->touched[role] = TRUE;
      for (guint c = 0; c < n_shown_columns (self); c++)
        if (c != column && self->roles[c] == role)
          set_chooser (self, c, CM_N_ROLES);
    }
  _cm_import_dialog_schedule_check (self, FALSE);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmImportDialog *self = CM_IMPORT_DIALOG (widget);

  g_signal_emit (self, signals[SIGNAL_IMPORT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject ------------------------------------------------------------------- */

static void
cm_import_dialog_dispose (GObject *object)
{
  CmImportDialog *self = CM_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (cm_import_dialog_parent_class)->dispose (object);
}

static void
cm_import_dialog_finalize (GObject *object)
{
  CmImportDialog *self = CM_IMPORT_DIALOG (object);

  g_free (self->name);
  cm_import_options_clear (&self->base);
  g_clear_pointer (&self->preview, cm_import_preview_free);
  g_clear_pointer (&self->diagnostics, cm_diagnostics_free);
  g_free (self->roles);
  g_clear_pointer (&self->choosers, g_ptr_array_unref);
  g_clear_pointer (&self->read_labels, g_ptr_array_unref);
  _cm_import_dialog_source_finalize (self);
  G_OBJECT_CLASS (cm_import_dialog_parent_class)->finalize (object);
}

static void
cm_import_dialog_class_init (CmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_import_dialog_dispose;
  object_class->finalize = cm_import_dialog_finalize;

  /* Emitted by Import, before the dialog closes. */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronomap/Chronomap/ui/cm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, table_grid);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, CmImportDialog, problems_label);
  _cm_import_dialog_source_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "import.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cm_import_dialog_init (CmImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _cm_import_dialog_source_init (self);
}

/* Public --------------------------------------------------------------------- */

CmImportDialog *
cm_import_dialog_new (GtkWindow             *parent,
                      GFile                 *file,
                      const char            *display_name,
                      const CmImportOptions *options,
                      CmImportPreview       *preview,
                      CmDiagnostics         *diagnostics)
{
  CmImportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (preview != NULL && preview->names != NULL, NULL);

  self = g_object_new (CM_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  self->name = g_strdup (display_name);
  self->preview = preview;
  self->diagnostics = diagnostics;
  self->n_loaded = preview->n_loaded;
  self->loadable = preview->mapped && preview->n_loaded > 0;
  if (options != NULL)
    {
      cm_import_options_copy (&self->base, options);
      for (guint r = 0; r < CM_N_ROLES; r++)
        {
          self->touched[r] = options->columns[r] != NULL;
          g_clear_pointer (&self->base.columns[r], g_free);
        }
    }
  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *short_name = cm_text_shorten (basename, 80);

    title = g_strdup_printf (_("Import “%s”"), short_name);
  }
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  build_table (self);
  _cm_import_dialog_source_set (self);
  show_state (self, FALSE);
  return self;
}

GFile *
cm_import_dialog_get_file (CmImportDialog *self)
{
  g_return_val_if_fail (CM_IS_IMPORT_DIALOG (self), NULL);
  return self->file;
}

void
cm_import_dialog_get_options (CmImportDialog  *self,
                              CmImportOptions *options)
{
  g_return_if_fail (CM_IS_IMPORT_DIALOG (self));
  collect_options (self, options);
}

char *
cm_import_dialog_get_header_hash (CmImportDialog *self)
{
  g_return_val_if_fail (CM_IS_IMPORT_DIALOG (self), NULL);
  return cm_import_preview_header_hash (self->preview);
}

GtkDropDown *
cm_import_dialog_get_chooser (CmImportDialog *self,
                              guint           column)
{
  g_return_val_if_fail (CM_IS_IMPORT_DIALOG (self), NULL);
  return column < n_shown_columns (self) ? g_ptr_array_index (self->choosers, column) : NULL;
}

guint
cm_import_dialog_get_n_loaded (CmImportDialog *self)
{
  g_return_val_if_fail (CM_IS_IMPORT_DIALOG (self), 0);
  return self->loadable ? self->n_loaded : 0;
}

gboolean
cm_import_dialog_is_updating (CmImportDialog *self)
{
  g_return_val_if_fail (CM_IS_IMPORT_DIALOG (self), FALSE);
  return self->update_source != 0 || self->cancellable != NULL;
}
