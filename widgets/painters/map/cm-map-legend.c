/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-map-painter-private.h"
#include "cm-map-palette.h"

/* The map's legend: its title, the size key of the markers, then either
 * the colour ramp of first dates or the categories' names, in as many
 * columns as it takes to keep them all above the scale bar: a legend
 * that drops a category ("+3 more") leaves its colour unexplained. */

#define LEGEND_MAX_NAME 200.0   /* category names are ellipsized past this */
#define COLUMN_GAP      10.0

static gboolean
date_ramp_bounds (CmMapPainter *self,
                  gint64       *lo,
                  gint64       *hi)
{
  if (self->events == NULL || !cm_map_events_get_time_bounds (self->events, lo, hi))
    return FALSE;
  *lo = MAX (*lo, self->start);
  *hi = MIN (*hi, self->end == G_MAXINT64 ? *hi : self->end - 1);
  return *hi >= *lo;
}

static char *
format_date (gint64 t,
             gint64 span)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return g_strdup ("?");
  if (span > 3 * 366 * 86400LL)
    return g_date_time_format (dt, "%Y");
  if (span > 62 * 86400LL)
    return g_date_time_format (dt, "%Y-%m");
  return g_date_time_format (dt, "%Y-%m-%d");
}

/* The largest count a marker of the current view shows. */
static double
largest_shown (CmMapPainter *self)
{
  guint32 top = 0;

  for (guint i = 0; self->marks != NULL && i < self->marks->len; i++)
    {
      const Mark *m = &g_array_index (self->marks, Mark, i);

      if (!(m->flags & (MARK_DIM | MARK_GHOST)))
        top = MAX (top, m->count);
    }
  return MIN ((double) top, self->marks_ref);
}

/* Values shown by the size key: the largest count shown, so that the key
 * says how many the biggest marker stands for, then round numbers under
 * it. */
static guint
size_key_values (CmMapPainter *self,
                 double        values[3])
{
  double top;
  guint n = 0;

  if (self->marks_ref < 1)
    return 0;
  top = largest_shown (self);
  if (top < 1)
    top = _cm_map_nice_below (self->marks_ref);
  values[n++] = top;
  if (top / 4 >= 1 && _cm_map_nice_below (top / 4) < top)
    values[n++] = _cm_map_nice_below (top / 4);
  if (top / 20 >= 1 && _cm_map_nice_below (top / 20) < values[n - 1])
    values[n++] = _cm_map_nice_below (top / 20);
  /* Small data still gets a second circle to compare with. */
  if (n == 1 && top > 1)
    values[n++] = 1;
  return n;
}

/* The size key: circles side by side on one baseline, each value
 * centred under its circle. */
static void
size_key_metrics (CmMapPainter *self,
                  const double *values,
                  guint         n,
                  double       *slots,
                  double       *width,
                  double       *height)
{
  double text_h = 0;

  *width = 0;
  for (guint i = 0; i < n; i++)
    {
      double r = CM_MAP_MARKER_MAX_RADIUS * sqrt (values[i] / self->marks_ref);
      double w, h;
      char buf[16];

      _cm_map_format_count ((guint32) values[i], buf);
      _cm_map_layout_size (_cm_map_painter_layout (self, TEXT_SMALL, buf), &w, &h);
      text_h = MAX (text_h, h);
      if (slots)
        slots[i] = MAX (2 * r, w);
      *width += MAX (2 * r, w) + (i > 0 ? 8 : 0);
    }
  *height = 2 * CM_MAP_MARKER_MAX_RADIUS * sqrt (values[0] / self->marks_ref) + 2 + text_h;
}

/* A category name in the legend: one line, however long. */
static PangoLayout *
legend_name (CmMapPainter *self,
             const char   *name)
{
  PangoLayout *layout = _cm_map_painter_layout (self, TEXT_SMALL, name);

  pango_layout_set_width (layout, (int) (LEGEND_MAX_NAME * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* Whether category @i has a line in the legend: a name, and under a
 * filter (a search, categories unchecked) something it keeps on the map
 * now, so that an unchecked category is not listed as if shown. Worked
 * out once per change of the counts, not per frame. */
static gboolean
listed (CmMapPainter *self,
        guint         i)
{
  if (self->category_names[i][0] == '\0')
    return FALSE;
  if (self->matches == NULL)
    return TRUE;
  _cm_map_painter_ensure_counts (self);
  if (self->listed == NULL && self->now_per_category != NULL)
    {
      guint n_cat = cm_map_events_get_n_categories (self->matches);

      self->listed = g_new0 (guint8, MAX (n_cat, 1));
      for (guint p = 0; p < self->n_places; p++)
        for (guint c = 0; c < n_cat; c++)
          self->listed[c] |= self->now_per_category[(gsize) p * n_cat + c] > 0;
    }
  return self->listed == NULL || i >= cm_map_events_get_n_categories (self->matches) || self->listed[i];
}

static guint
n_named_categories (CmMapPainter *self)
{
  guint n = 0;

  for (guint i = 0; self->category_names != NULL && i < self->n_categories; i++)
    n += listed (self, i);
  return n;
}

static gboolean
shows_categories (CmMapPainter *self)
{
  return (self->overlays & CM_MAP_OVERLAY_CATEGORIES) && self->category_names != NULL
         && n_named_categories (self) > 0;
}

/* The widest name and the height of a row of the category list. */
static void
names_metrics (CmMapPainter *self,
               double       *width,
               double       *row_h)
{
  *width = 0;
  *row_h = 0;
  for (guint i = 0; i < self->n_categories; i++)
    {
      double w, h;

      if (!listed (self, i))
        continue;
      _cm_map_layout_size (legend_name (self, self->category_names[i]), &w, &h);
      *width = MAX (*width, 14 + w);
      *row_h = MAX (*row_h, h);
    }
}

/* Height of each legend section; the drawing walks the same steps. The
 * category names stop where the legend would reach @bottom. */
void
_cm_map_painter_legend_layout (CmMapPainter *self,
                               double        bottom,
                               CmMapBox     *box,
                               guint        *rows)
{
  const char *title = self->legend_title ? self->legend_title : "";
  double values[3], w, h, width = 0, height = 0;
  guint n = size_key_values (self, values);

  *rows = 0;
  _cm_map_layout_size (_cm_map_painter_layout (self, TEXT_TITLE, title), &w, &h);
  width = w;
  height = h + 4;
  if (n > 0)
    {
      double key_w = 0, key_h = 0;

      size_key_metrics (self, values, n, NULL, &key_w, &key_h);
      width = MAX (width, key_w);
      height += key_h + 4;
    }
  if (self->color_mode == CM_MAP_COLOR_BY_FIRST_DATE)
    {
      gint64 lo, hi;

      if (date_ramp_bounds (self, &lo, &hi))
        {
          _cm_map_layout_size (_cm_map_painter_layout (self, TEXT_SMALL, "First announcement"), &w, &h);
          width = MAX (width, MAX (w, 120));
          height += 4 + h + 10 + h;
        }
    }
  else if (shows_categories (self))
    {
      guint named = n_named_categories (self), columns;
      double name_w, row_h, room;

      names_metrics (self, &name_w, &row_h);
      /* As many rows as fit above @bottom, then as few columns as hold
       * every name, balanced. */
      room = bottom - CM_MAP_PAD - height - 2 * CM_MAP_PANEL_PAD;
      *rows = (guint) MAX (1, floor (room / MAX (row_h, 1)));
      columns = (named + *rows - 1) / *rows;
      *rows = (named + columns - 1) / columns;
      width = MAX (width, columns * name_w + (columns - 1) * COLUMN_GAP);
      height += *rows * row_h;
    }
  *box = (CmMapBox) { CM_MAP_PAD, CM_MAP_PAD,
                      CM_MAP_PAD + width + 2 * CM_MAP_PANEL_PAD, CM_MAP_PAD + height + 2 * CM_MAP_PANEL_PAD };
}

void
_cm_map_painter_draw_legend (CmMapPainter   *self,
                             cairo_t        *cr,
                             const CmMapBox *box,
                             guint           rows)
{
  const CmPaintStyle *st = &self->style;
  double values[3], w, h, x = box->x0 + CM_MAP_PANEL_PAD, y = box->y0 + CM_MAP_PANEL_PAD;
  guint n = size_key_values (self, values);
  PangoLayout *layout;
  CmRgba stroke = st->foreground;

  _cm_map_painter_panel (self, cr, box);
  layout = _cm_map_painter_layout (self, TEXT_TITLE, self->legend_title ? self->legend_title : "");
  _cm_map_layout_size (layout, &w, &h);
  _cm_map_painter_draw_text (self, cr, layout, x, y, &st->foreground, NULL, 0);
  y += h + 4;

  if (n > 0)
    {
      double slots[3], key_w, key_h, cx = x;
      double base = y + 2 * CM_MAP_MARKER_MAX_RADIUS * sqrt (values[0] / self->marks_ref);

      size_key_metrics (self, values, n, slots, &key_w, &key_h);
      stroke.a = 0.75;
      for (guint i = 0; i < n; i++)
        {
          double r = CM_MAP_MARKER_MAX_RADIUS * sqrt (values[i] / self->marks_ref);
          char buf[16];

          cairo_arc (cr, cx + slots[i] / 2, base - r, r, 0, 2 * G_PI);
          cm_set_source_rgba (cr, &stroke);
          cairo_set_line_width (cr, 0.8);
          cairo_stroke (cr);
          _cm_map_format_count ((guint32) values[i], buf);
          layout = _cm_map_painter_layout (self, TEXT_SMALL, buf);
          _cm_map_layout_size (layout, &w, &h);
          _cm_map_painter_draw_text (self, cr, layout, cx + (slots[i] - w) / 2, base + 2,
                                     &st->foreground, NULL, 0);
          cx += slots[i] + 8;
        }
      y += key_h + 4;
    }

  if (self->color_mode == CM_MAP_COLOR_BY_FIRST_DATE)
    {
      gint64 lo, hi;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      cairo_pattern_t *ramp;

      if (!date_ramp_bounds (self, &lo, &hi))
        return;
      layout = _cm_map_painter_layout (self, TEXT_SMALL, "First announcement");
      _cm_map_layout_size (layout, &w, &h);
      _cm_map_painter_draw_text (self, cr, layout, x, y + 2, &st->dim_foreground, NULL, 0);
      y += h + 4;
      ramp = cairo_pattern_create_linear (x, 0, x + 120, 0);
      for (int i = 0; i <= 8; i++)
        {
          CmRgba c;

          cm_map_ramp_color (i / 8.0, st->dark, &c);
          cairo_pattern_add_color_stop_rgb (ramp, i / 8.0, c.r, c.g, c.b);
        }
      cairo_rectangle (cr, x, y, 120, 8);
      cairo_set_source (cr, ramp);
      cairo_fill (cr);
      cairo_pattern_destroy (ramp);
      y += 10;
      a = format_date (lo, hi - lo);
      b = format_date (hi, hi - lo);
      layout = _cm_map_painter_layout (self, TEXT_SMALL, a);
      _cm_map_painter_draw_text (self, cr, layout, x, y, &st->foreground, NULL, 0);
      layout = _cm_map_painter_layout (self, TEXT_SMALL, b);
      _cm_map_layout_size (layout, &w, &h);
      _cm_map_painter_draw_text (self, cr, layout, x + 120 - w, y, &st->foreground, NULL, 0);
    }
  else if (shows_categories (self))
    {
      double name_w, row_h, top = y;
      guint shown = 0;
      CmMapPalette palette;
      CmRgba ink;

      names_metrics (self, &name_w, &row_h);
      cm_map_palette_init (&palette, st->dark);
      for (guint i = 0; i < self->n_categories; i++)
        {
          double cx, cy;

          if (!listed (self, i))
            continue;
          cx = x + (shown / MAX (rows, 1)) * (name_w + COLUMN_GAP);
          cy = top + (shown % MAX (rows, 1)) * row_h;
          layout = legend_name (self, self->category_names[i]);
          cairo_arc (cr, cx + 5, cy + row_h / 2, 4.5, 0, 2 * G_PI);
          cm_set_source_rgba (cr, &self->category_colors[i]);
          /* Rimmed as the markers are, when the colour is too pale. */
          if (cm_map_palette_mark_ink (&palette, &self->category_colors[i], &ink))
            {
              cairo_fill_preserve (cr);
              cm_set_source_rgba (cr, &ink);
              cairo_set_line_width (cr, 1.5);
              cairo_stroke (cr);
            }
          else
            cairo_fill (cr);
          _cm_map_painter_draw_text (self, cr, layout, cx + 14, cy, &st->foreground, NULL, 0);
          shown++;
        }
    }
}
