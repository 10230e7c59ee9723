/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "cm-fuzz.h"
#include "cm-json-scan.h"

/* What the loader promises, checked on every input. A broken promise
 * aborts, which libFuzzer reports as a crash with the input that did it. */

typedef struct
{
  double last;
  guint  calls;
} Progress;

void
cm_fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&done, 1);
    }
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_true (fraction >= 0.0 && fraction <= 1.0);
  g_assert_true (fraction >= p->last);
  p->last = fraction;
  p->calls++;
}

/* Text that reaches GTK must be valid UTF-8 without NUL bytes. */
static void
check_utf8 (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *shown = g_strescape (text, NULL);
      g_error ("not valid UTF-8: \"%s\"", shown);
    }
}

static void
check_text (CmDataset *ds,
            CmText     text)
{
  g_autofree char *s = cm_dataset_dup_text (ds, text);

  g_assert_true ((s == NULL) == (text == 0));
  check_utf8 (s);
}

static void
check_diagnostics (CmDiagnostics *diags,
                   GBytes        *bytes)
{
  gsize size = g_bytes_get_size (bytes);
  const char *data = g_bytes_get_data (bytes, NULL);
  guint n = cm_diagnostics_get_n (diags);
  guint counted[3] = { 0 };
  g_autofree char *all = NULL;

  for (guint i = 0; i < n; i++)
    {
      const CmDiagnostic *d = cm_diagnostics_get (diags, i);
      g_autofree char *line = cm_diagnostic_format (d, cm_diagnostics_get_file_name (diags));

      g_assert_nonnull (d->message);
      g_assert_true (d->severity <= CM_SEVERITY_ERROR);
      counted[d->severity]++;
      if (d->offset != G_MAXSIZE)
        {
          g_assert_cmpuint (d->offset, <=, size);
          g_assert_cmpuint (d->line, >=, 1);
          g_assert_cmpuint (d->column, >=, 1);
          /* The one-pass resolution agrees with the plain count. */
          if (i < 32 && data != NULL)
            {
              guint l, c;
              cm_json_offset_to_line_column (data, size, d->offset, &l, &c);
              g_assert_cmpuint (d->line, ==, l);
              g_assert_cmpuint (d->column, ==, c);
            }
        }
      g_assert_true (d->pointer == NULL || d->pointer[0] == '\0' || d->pointer[0] == '/');
      check_utf8 (d->pointer);
      check_utf8 (d->message);
      check_utf8 (line);
    }
  for (CmSeverity s = CM_SEVERITY_NOTE; s <= CM_SEVERITY_ERROR; s++)
    g_assert_cmpuint (counted[s], ==, cm_diagnostics_count (diags, s));
  all = cm_diagnostics_to_string (diags, 8);
  check_utf8 (all);
}

static void
check_places (CmDataset *ds)
{
  guint n = cm_dataset_get_n_places (ds);

  for (guint i = 0; i < n; i++)
    {
      const CmPlace *p = cm_dataset_get_place (ds, i);
      g_autofree char *shown = cm_dataset_format_place (ds, (gint32) i);

      g_assert_nonnull (p->id);
      g_assert_cmpint (cm_dataset_find_place (ds, p->id), ==, (gint) i);
      check_utf8 (p->id);
      check_utf8 (p->name);
      check_utf8 (p->local_name);
      check_utf8 (p->country);
      check_utf8 (shown);
      g_assert_true (p->parent >= -1 && p->parent < (gint32) n);
      if (p->coords != CM_COORDS_NONE)
        {
          g_assert_true (isfinite (p->lat) && fabs (p->lat) <= 90);
          g_assert_true (isfinite (p->lon) && fabs (p->lon) <= 180);
        }
      (void) cm_place_kind_to_string (p->kind);
    }
  g_assert_null (cm_dataset_format_place (ds, -1));
  g_assert_null (cm_dataset_format_place (ds, (gint32) n));
}

static void
check_lists (CmDataset *ds)
{
  for (guint i = 0; i < cm_dataset_get_n_categories (ds); i++)
    {
      const CmCategory *c = cm_dataset_get_category (ds, i);

      check_utf8 (c->id);
      check_utf8 (c->label);
      g_assert_cmpuint (c->color, <=, 0xFFFFFF);
    }
  for (guint i = 0; i < cm_dataset_get_n_sources (ds); i++)
    {
      const CmSource *s = cm_dataset_get_source (ds, i);

      check_utf8 (s->id);
      check_utf8 (s->title);
      check_utf8 (s->publisher);
      check_utf8 (s->date);
      check_utf8 (s->url);
    }
}

static void
check_announcement (CmDataset *ds,
                    guint      i)
{
  const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);
  g_autofree char *when = cm_dataset_format_when (ds, a);
  g_autofree char *where = cm_dataset_format_place (ds, a->place);

  g_assert_nonnull (a->id);
  check_utf8 (a->id);
  /* Ids are unique, so a selection by id finds this very announcement. */
  g_assert_cmpint (cm_dataset_find_announcement (ds, a->id), ==, (gint) i);
  check_text (ds, a->title);
  check_text (ds, a->summary);
  check_text (ds, a->date_note);
  check_text (ds, a->date_text);
  check_text (ds, a->end_text);
  g_assert_cmpint (a->start, <, a->end);
  g_assert_cmpint (a->start, >=, CM_DATE_TIME_MIN);
  g_assert_cmpint (a->end, <=, CM_DATE_TIME_MAX);
  g_assert_true (a->precision >= CM_PRECISION_YEAR && a->precision <= CM_PRECISION_SECOND);
  g_assert_true (a->end_precision == 0 ||
                 (a->end_precision >= CM_PRECISION_YEAR && a->end_precision <= CM_PRECISION_SECOND));
  g_assert_true (a->place >= -1 && a->place < (gint32) cm_dataset_get_n_places (ds));
  g_assert_true (a->category >= -1 && a->category < (gint32) cm_dataset_get_n_categories (ds));
  g_assert_nonnull (when);
  check_utf8 (when);
  check_utf8 (where);
  for (guint k = 0; k < a->n_actors; k++)
    {
      const char *actor = cm_dataset_get_actor (ds, a, k);
      g_assert_nonnull (actor);
      check_utf8 (actor);
    }
  for (guint k = 0; k < a->n_sources; k++)
    {
      gint32 ref = cm_dataset_get_source_ref (ds, a, k);
      g_assert_true (ref >= 0 && ref < (gint32) cm_dataset_get_n_sources (ds));
    }
}

static void
check_time_order (CmDataset *ds)
{
  guint n = cm_dataset_get_n_announcements (ds);
  const guint32 *order = cm_dataset_get_time_order (ds);
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (n, 1));
  guint without = 0;
  gint64 lo = G_MAXINT64, hi = G_MININT64, start = 0, end = 0;

  g_assert_nonnull (order);
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, order[i]);

      g_assert_cmpuint (order[i], <, n);
      g_assert_false (seen[order[i]]);
      seen[order[i]] = TRUE;
      if (i > 0)
        {
          const CmAnnouncement *b = cm_dataset_get_announcement (ds, order[i - 1]);
          g_assert_true (b->start < a->start || (b->start == a->start && b->end <= a->end));
        }
      without += a->place < 0;
      lo = MIN (lo, a->start);
      hi = MAX (hi, a->end);
    }
  g_assert_cmpuint (without, ==, cm_dataset_get_n_without_place (ds));
  g_assert_true (cm_dataset_get_time_range (ds, &start, &end) == (n > 0));
  if (n > 0)
    {
      g_assert_cmpint (start, ==, lo);
      g_assert_cmpint (end, ==, hi);
    }
}

static void
check_dataset (CmDataset *ds)
{
  check_utf8 (cm_dataset_get_title (ds));
  check_utf8 (cm_dataset_get_description (ds));
  g_assert_true (cm_dataset_get_format (ds) <= CM_FORMAT_CSV);
  check_places (ds);
  check_lists (ds);
  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    check_announcement (ds, i);
  check_time_order (ds);
}

void
cm_fuzz_check_load (GBytes       *bytes,
                    GCancellable *cancellable)
{
  cm_fuzz_check_load_with_options (bytes, NULL, cancellable);
}

void
cm_fuzz_check_load_with_options (GBytes                *bytes,
                                 const CmImportOptions *options,
                                 GCancellable          *cancellable)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = NULL;
  Progress progress = { 0 };

  cm_fuzz_init ();
  ds = cm_loader_load_bytes_with_options (bytes, "fuzz.json", options, &diags, on_progress, &progress,
                                          cancellable, &error);

  g_assert_nonnull (diags);
  g_assert_true ((ds == NULL) == (error != NULL));
  check_diagnostics (diags, bytes);
  if (ds == NULL)
    {
      g_assert_true (error->domain == CM_LOADER_ERROR);
      check_utf8 (error->message);
      /* Only a cancelled load may fail without saying why. */
      if (!g_error_matches (error, CM_LOADER_ERROR, CM_LOADER_ERROR_CANCELLED))
        g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_ERROR), >, 0);
      return;
    }
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_ERROR), ==, 0);
  check_dataset (ds);
}
