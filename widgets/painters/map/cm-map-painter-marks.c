/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "cm-canvas.h"
#include "cm-map-palette.h"
#include "cm-map-painter-private.h"


typedef struct
{
  CmMapBox scale_bar;
  CmMapBox attribution;
  CmMapBox legend;
  guint    legend_rows;   /* category names that fit; a "+N more" line follows */
  gboolean has_scale_bar, has_attribution, has_legend;
} Overlays;

/* Text ------------------------------------------------------------------- */

static void
ensure_pango (CmMapPainter *self)
{
  cairo_font_options_t *options;

  /* The default PangoCairo font map is per thread: a painter drawn from an
   * export thread needs a context of that thread. */
  if (self->pango != NULL && self->pango_thread == g_thread_self ())
    return;
  _cm_map_painter_drop_text_cache (self);
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  self->pango_thread = g_thread_self ();

  /* No hinting: glyph positions must not depend on the target, so the
   * screen, the PNG, the SVG and the PDF place every label alike. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->pango, 96);
  pango_context_set_language (self->pango, pango_language_from_string ("zh-cn"));
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
_cm_map_painter_drop_text_cache (CmMapPainter *self)
{
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_object (&self->pango);
  self->pango_thread = NULL;
}

PangoLayout *
_cm_map_painter_layout (CmMapPainter *self,
                        TextKind      kind,
                        const char   *text)
{
  g_autofree char *key = NULL;
  g_autoptr(PangoFontDescription) desc = NULL;
  PangoLayout *layout;
  double size = self->style.font_size > 0 ? self->style.font_size : 9.0;

  ensure_pango (self);
  key = g_strdup_printf ("%d\x1f%s", kind, text);
  layout = g_hash_table_lookup (self->layouts, key);
  if (layout != NULL)
    return layout;
  /* Cluster counts change with every filter; keep the cache bounded. */
  if (g_hash_table_size (self->layouts) > 8192)
    {
      /* Sprites are keyed by layout: they go too. */
      if (self->sprites)
        g_hash_table_remove_all (self->sprites);
      g_hash_table_remove_all (self->layouts);
    }

  desc = pango_font_description_from_string (self->style.font_family ? self->style.font_family : "sans-serif");
  switch (kind)
    {
    case TEXT_PLACE:
      pango_font_description_set_size (desc, size * PANGO_SCALE);
      break;
    case TEXT_PLACE_BOLD:
      pango_font_description_set_size (desc, size * PANGO_SCALE);
      pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
      break;
    case TEXT_REGION:
      pango_font_description_set_size (desc, (size - 0.5) * PANGO_SCALE);
      break;
    case TEXT_COUNT:
      pango_font_description_set_size (desc, (size - 1.5) * PANGO_SCALE);
      pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
      break;
    case TEXT_SMALL:
      pango_font_description_set_size (desc, (size - 1.5) * PANGO_SCALE);
      break;
    case TEXT_TITLE:
      pango_font_description_set_size (desc, (size - 1) * PANGO_SCALE);
      pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
      break;
    }

  layout = pango_layout_new (self->pango);
  pango_layout_set_font_description (layout, desc);
  /* Every label is one line, whatever newlines the dataset put in it. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  /* Area names are capitals, quieter than places, but not spaced out as
   * atlases do: letter-spacing puts a gap between every glyph of a PDF,
   * and its text then extracts as "K AZAK HSTAN". */
  pango_layout_set_text (layout, text, -1);
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
  return layout;
}

void
_cm_map_layout_size (PangoLayout *layout,
                     double      *w,
                     double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
}

typedef struct
{
  cairo_surface_t *surface;
  double           pad;      /* logical units around the text */
  double           width, height;
} Sprite;

static void
sprite_free (gpointer data)
{
  Sprite *sprite = data;

  cairo_surface_destroy (sprite->surface);
  g_free (sprite);
}

static guint32
pack_rgba (const CmRgba *c)
{
  return ((guint32) (c->r * 255) << 24) | ((guint32) (c->g * 255) << 16)
         | ((guint32) (c->b * 255) << 8) | (guint32) (c->a * 255);
}

static void
draw_text_directly (cairo_t      *cr,
                    PangoLayout  *layout,
                    double        x,
                    double        y,
                    const CmRgba *fg,
                    const CmRgba *halo,
                    double        halo_width)
{
  PangoRectangle logical;

  /* Stacked combining marks can draw far above and below a line: keep
   * the ink near the label's own box (sprites are clipped the same). */
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  cairo_save (cr);
  cairo_rectangle (cr, x + logical.x - logical.height / 2.0, y + logical.y - logical.height / 2.0,
                   logical.width + logical.height, 2.0 * logical.height);
  cairo_clip (cr);
  if (halo != NULL)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_layout_path (cr, layout);
      cm_set_source_rgba (cr, halo);
      cairo_set_line_width (cr, halo_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, x, y);
  cm_set_source_rgba (cr, fg);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  /* show_layout leaves a current point; the next arc must not join it. */
  cairo_new_path (cr);
}

/* The sprite of a haloed label: the text's coverage drawn once into an A8
 * mask, grown by half the halo's width for the halo, then both masks
 * painted in their colours. Growing the coverage gives what stroking the
 * glyph outlines gives, but stroking costs about 0.3 ms a label, and a
 * filter change can bring a hundred new labels (cluster counts). */
static cairo_surface_t *
render_sprite (const Sprite *sprite,
               PangoLayout  *layout,
               const CmRgba *fg,
               const CmRgba *halo,
               double        halo_width,
               double        ds)
{
  static const CmRgba opaque = { 0, 0, 0, 1 };
  int w = (int) ceil (sprite->width * ds), h = (int) ceil (sprite->height * ds);
  cairo_surface_t *text = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  cairo_surface_t *grown = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr;

  cairo_surface_set_device_scale (text, ds, ds);
  cairo_surface_set_device_scale (grown, ds, ds);
  cairo_surface_set_device_scale (surface, ds, ds);

  cr = cairo_create (text);
  draw_text_directly (cr, layout, sprite->pad, sprite->pad, &opaque, NULL, 0);
  cairo_destroy (cr);
  cairo_surface_flush (text);
  cairo_surface_flush (grown);
  /* Gain 3: the hairlines of small CJK glyphs have well under full
   * coverage, and their halo must still be solid. */
  cm_map_dilate_a8 (cairo_image_surface_get_data (text), cairo_image_surface_get_stride (text),
                    cairo_image_surface_get_data (grown), cairo_image_surface_get_stride (grown),
                    w, h, halo_width / 2 * ds, 3.0);
  cairo_surface_mark_dirty (grown);

  cr = cairo_create (surface);
  cm_set_source_rgba (cr, halo);
  cairo_mask_surface (cr, grown, 0, 0);
  cm_set_source_rgba (cr, fg);
  cairo_mask_surface (cr, text, 0, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (text);
  cairo_surface_destroy (grown);
  return surface;
}

/* Text over a halo of the page colour, readable on any fill. On rasters
 * each haloed label is drawn once into a sprite and then only copied, at
 * whole device pixels. Vector targets get real outlines. */
void
_cm_map_painter_draw_text (CmMapPainter *self,
                           cairo_t      *cr,
                           PangoLayout  *layout,
                           double        x,
                           double        y,
                           const CmRgba *fg,
                           const CmRgba *halo,
                           double        halo_width)
{
  g_autofree char *key = NULL;
  Sprite *sprite;
  double ds;

  if (halo == NULL || cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    {
      draw_text_directly (cr, layout, x, y, fg, halo, halo_width);
      return;
    }
  ds = _cm_map_device_scale (cr);

  if (self->sprites == NULL)
    self->sprites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, sprite_free);
  key = g_strdup_printf ("%p|%08x|%08x|%g|%g", (void *) layout, pack_rgba (fg), pack_rgba (halo),
                         halo_width, ds);
  sprite = g_hash_table_lookup (self->sprites, key);
  if (sprite == NULL)
    {
      if (g_hash_table_size (self->sprites) > 4096)
        g_hash_table_remove_all (self->sprites);
      sprite = g_new0 (Sprite, 1);
      _cm_map_layout_size (layout, &sprite->width, &sprite->height);
      sprite->pad = ceil (halo_width);
      sprite->width += 2 * sprite->pad;
      sprite->height += 2 * sprite->pad;
      sprite->surface = render_sprite (sprite, layout, fg, halo, halo_width, ds);
      g_hash_table_insert (self->sprites, g_steal_pointer (&key), sprite);
    }

  x = round ((x - sprite->pad) * ds) / ds;
  y = round ((y - sprite->pad) * ds) / ds;
  cairo_set_source_surface (cr, sprite->surface, x, y);
  cairo_rectangle (cr, x, y, sprite->width, sprite->height);
  cairo_fill (cr);
}

void
_cm_map_format_count (guint32 n,
                      char    buf[16])
{
  if (n < 1000)
    g_snprintf (buf, 16, "%u", n);
  else if (n < 10000)
    g_snprintf (buf, 16, "%.1fk", n / 1000.0);
  else if (n < 1000000)
    g_snprintf (buf, 16, "%uk", (n + 500) / 1000);
  else
    g_snprintf (buf, 16, "%.1fM", n / 1e6);
}

/* Colours ---------------------------------------------------------------- */

static void
halo_color (CmMapPainter *self,
            CmRgba       *c)
{
  *c = self->style.background;
  c->a = 0.9;
}

/* The outlines of markers whose colour is too pale (or too dark) for the
 * base map, per category, worked out once a frame. */
typedef struct
{
  CmMapPalette palette;
  CmRgba       ink[CM_MAP_MAX_CATEGORIES];
  gboolean     outlined[CM_MAP_MAX_CATEGORIES];
} MarkInks;

static void
mark_inks_init (CmMapPainter *self,
                MarkInks     *inks)
{
  cm_map_palette_init (&inks->palette, self->style.dark);
  for (guint j = 0; j < MIN (self->n_categories, CM_MAP_MAX_CATEGORIES); j++)
    inks->outlined[j] = cm_map_palette_mark_ink (&inks->palette, &self->category_colors[j], &inks->ink[j]);
}

/* The ramp's colour of a first date, over the time in range: markers and
 * the regions shaded for their places read alike. */
void
_cm_map_painter_first_date_color (CmMapPainter *self,
                                  gint64        first,
                                  CmRgba       *out)
{
  gint64 lo = 0, hi = 0;

  cm_map_events_get_time_bounds (self->events, &lo, &hi);
  lo = MAX (lo, self->start);
  hi = MIN (hi, self->end == G_MAXINT64 ? hi : self->end - 1);
  cm_map_ramp_color (hi > lo ? (double) (first - lo) / (double) (hi - lo) : 0.0, self->style.dark, out);
}

/* @category is the category the colour is of, or G_MAXUINT. */
static void
mark_color (CmMapPainter *self,
            const Mark   *m,
            CmRgba       *out,
            guint        *category)
{
  const LevelSums *s = &self->sums;
  guint n_cat = self->events ? cm_map_events_get_n_categories (self->events) : 1;

  *category = G_MAXUINT;
  if (self->color_mode == CM_MAP_COLOR_BY_FIRST_DATE && self->events)
    {
      _cm_map_painter_first_date_color (self, s->first[m->cluster], out);
      return;
    }
  {
    guint best = 0;
    guint32 best_n = 0;

    for (guint j = 0; j < n_cat; j++)
      if (s->per_category[(gsize) m->cluster * n_cat + j] > best_n)
        {
          best_n = s->per_category[(gsize) m->cluster * n_cat + j];
          best = j;
        }
    *category = best % self->n_categories;
    *out = self->category_colors[*category];
  }
}

/* Markers ---------------------------------------------------------------- */

/* Wedges by category, of radius @r; @canvas, when not NULL, draws on a
 * raster directly. With @rims, each wedge in its ink when its colour needs
 * an outline, else in @rim: drawn a little larger under the wedges, they
 * make an outline that follows them. Returns FALSE when there are no
 * wedges or (with @rims) none needs an outline. */
static gboolean
draw_pie (CmMapPainter   *self,
          cairo_t        *cr,
          CmCanvas       *canvas,
          const Mark     *m,
          double          r,
          double          alpha,
          const MarkInks *rims,
          const CmRgba   *rim)
{
  /* The events keep at most CM_MAP_MAX_CATEGORIES. */
  guint n_cat = cm_map_events_get_n_categories (self->events);
  const guint32 *per = &self->sums.per_category[(gsize) m->cluster * n_cat];
  double sweeps[CM_MAP_MAX_CATEGORIES];
  CmRgba colors[CM_MAP_MAX_CATEGORIES];
  double angle = -G_PI / 2;
  guint32 total = 0;
  guint n = 0;
  gboolean any_ink = FALSE;

  for (guint j = 0; j < n_cat; j++)
    total += per[j];
  for (guint j = 0; j < n_cat && total > 0; j++)
    {
      guint c = j % self->n_categories;

      if (per[j] == 0)
        continue;
      sweeps[n] = 2 * G_PI * per[j] / total;
      colors[n] = self->category_colors[c];
      colors[n].a = alpha;
      if (rims != NULL)
        {
          gboolean ink = c < CM_MAP_MAX_CATEGORIES && rims->outlined[c];

          colors[n] = ink ? rims->ink[c] : *rim;
          any_ink |= ink;
        }
      n++;
    }
  if (n == 0 || (rims != NULL && !any_ink))
    return FALSE;
  if (canvas != NULL)
    {
      cm_canvas_pie (canvas, m->x, m->y, r, angle, n, sweeps, colors);
      return TRUE;
    }
  for (guint k = 0; k < n; k++)
    {
      cairo_move_to (cr, m->x, m->y);
      cairo_arc (cr, m->x, m->y, r, angle, angle + sweeps[k]);
      cairo_close_path (cr);
      cm_set_source_rgba (cr, &colors[k]);
      cairo_fill (cr);
      angle += sweeps[k];
    }
  return TRUE;
}

static gboolean
is_mixed (CmMapPainter *self,
          const Mark   *m)
{
  guint n_cat = self->events ? cm_map_events_get_n_categories (self->events) : 1;
  guint nonzero = 0;

  for (guint j = 0; j < n_cat; j++)
    nonzero += self->sums.per_category[(gsize) m->cluster * n_cat + j] > 0;
  return nonzero > 1;
}

/* A circle, filled and or outlined, by cairo or on @canvas. */
static void
circle (cairo_t      *cr,
        CmCanvas     *canvas,
        double        x,
        double        y,
        double        r,
        const CmRgba *fill,
        const CmRgba *line,
        double        line_width)
{
  if (canvas != NULL)
    {
      if (fill != NULL)
        cm_canvas_disc (canvas, x, y, r, fill);
      if (line != NULL)
        cm_canvas_ring (canvas, x, y, r, line_width, line);
      return;
    }
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  if (fill != NULL)
    {
      cm_set_source_rgba (cr, fill);
      if (line != NULL)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }
  if (line != NULL)
    {
      cm_set_source_rgba (cr, line);
      cairo_set_line_width (cr, line_width);
      cairo_stroke (cr);
    }
}

static void
draw_mark (CmMapPainter   *self,
           cairo_t        *cr,
           CmCanvas       *canvas,
           const Mark     *m,
           const MarkInks *inks)
{
  const CmPaintStyle *st = &self->style;
  CmRgba fill, halo, c, ink;
  gboolean cluster = m->n_places > 1;
  gboolean outlined;
  guint category;

  halo_color (self, &halo);
  if (m->flags & (MARK_DIM | MARK_GHOST))
    {
      CmRgba f;

      c = st->dim_foreground;
      c.a = (m->flags & MARK_GHOST) ? 0.55 : 0.3;
      f = c;
      f.a = 0.12;
      circle (cr, canvas, m->x, m->y, m->r, (m->flags & MARK_DIM) ? &f : NULL, &c, 0.8);
      return;
    }

  mark_color (self, m, &fill, &category);
  if (category < CM_MAP_MAX_CATEGORIES)
    {
      outlined = inks->outlined[category];
      ink = inks->ink[category];
    }
  else
    outlined = cm_map_palette_mark_ink (&inks->palette, &fill, &ink);
  if (cluster)
    {
      /* A soft ring of the same colour says "group", not "place". */
      c = fill;
      c.a = 0.3;
      circle (cr, canvas, m->x, m->y, m->r + CLAMP (m->r * 0.3, 2.0, 5.0), &c, NULL, 0);
    }

  /* An outline of the page colour separates overlapping markers; on a
   * dark page a light one reads better against dark land. A colour too
   * pale for the map (or too dark, on a dark one) is outlined in its own
   * darker (lighter) ink instead, so that every marker stands at 3:1. */
  if (st->dark)
    {
      halo = st->foreground;
      halo.a = 0.55;
    }
  if (self->color_mode == CM_MAP_COLOR_BY_CATEGORY && self->events != NULL
      && m->r >= 5 && is_mixed (self, m))
    {
      if (draw_pie (self, cr, canvas, m, m->r + 0.75, 1.0, inks, &halo))
        draw_pie (self, cr, canvas, m, m->r - 0.75, 0.92, NULL, NULL);
      else
        {
          draw_pie (self, cr, canvas, m, m->r, 0.92, NULL, NULL);
          circle (cr, canvas, m->x, m->y, m->r, NULL, &halo, 1.0);
        }
    }
  else
    {
      fill.a = 0.92;
      circle (cr, canvas, m->x, m->y, m->r, &fill, NULL, 0);
      circle (cr, canvas, m->x, m->y, m->r, NULL, outlined ? &ink : &halo,
              outlined ? 1.5 : m->r > 4 ? 1.0 : 0.6);
    }

  /* The count goes inside when it fits; the label beside names the
   * cluster's largest place either way. */
  if (cluster)
    {
      char buf[16];
      PangoLayout *layout;
      CmRgba white = { 1, 1, 1, 1 }, shadow = { 0, 0, 0, 0.45 };
      double w, h;

      _cm_map_format_count (m->count, buf);
      layout = _cm_map_painter_layout (self, TEXT_COUNT, buf);
      _cm_map_layout_size (layout, &w, &h);
      if (w / 2 + 1 <= m->r && h * 0.35 <= m->r)
        _cm_map_painter_draw_text (self, cr, layout, m->x - w / 2, m->y - h / 2, &white, &shadow, 2.0);
    }
}

static void
draw_rings (CmMapPainter *self,
            cairo_t      *cr,
            const Mark   *m)
{
  if (m->flags & MARK_RECENT)
    {
      CmRgba c = self->style.accent;

      c.a = 0.8;
      cairo_arc (cr, m->x, m->y, m->r + 3.5, 0, 2 * G_PI);
      cm_set_source_rgba (cr, &c);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (m->flags & MARK_SELECTED)
    {
      cairo_arc (cr, m->x, m->y, m->r + 2, 0, 2 * G_PI);
      cm_set_source_rgba (cr, &self->style.accent);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  if (m->flags & MARK_HOVER)
    {
      cairo_arc (cr, m->x, m->y, m->r + 1.5, 0, 2 * G_PI);
      cm_set_source_rgba (cr, &self->style.foreground);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

/* Labels ------------------------------------------------------------------ */

typedef struct
{
  PangoLayout *layout;
  double        x, y;
  guint        style;     /* 0 place, 1 selected, 2 region, 3 neighbour */
} Label;

static int
compare_priority (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const Mark *x = *(const Mark * const *) a, *y = *(const Mark * const *) b;
  guint px = (x->flags & MARK_SELECTED) ? 2 : (x->flags & MARK_HOVER) ? 1 : 0;
  guint py = (y->flags & MARK_SELECTED) ? 2 : (y->flags & MARK_HOVER) ? 1 : 0;

  if (px != py)
    return px > py ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->place < y->place ? -1 : x->place > y->place;
}

/* Marks that may get a label, most important first: the selection, the
 * hovered mark, then by count. */
static GPtrArray *
label_order (CmMapPainter *self)
{
  GPtrArray *order = g_ptr_array_new ();

  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *m = &g_array_index (self->marks, Mark, i);

      if (!(m->flags & (MARK_DIM | MARK_GHOST)))
        g_ptr_array_add (order, m);
    }
  g_ptr_array_sort_with_data (order, compare_priority, NULL);
  return order;
}

/* Clear space around every label: 0.3 em (about 4 px at 9 pt), so that
 * neighbouring names never run together. */
static double
label_gap (CmMapPainter *self)
{
  double size = self->style.font_size > 0 ? self->style.font_size : 9.0;

  return 0.3 * size * 96.0 / 72.0;
}

/* Labels for marks [from, to) of @order. */
static void
place_labels (CmMapPainter *self,
              GPtrArray    *order,
              guint         from,
              guint         to,
              GArray       *labels)
{
  for (guint i = from; i < MIN (to, order->len); i++)
    {
      const Mark *m = order->pdata[i];
      const char *name = cm_map_painter_get_place_name (self, m->place, self->language);
      gboolean bold = (m->flags & MARK_SELECTED) != 0;
      g_autofree char *text = NULL;
      Label label;
      CmMapBox box;
      double w, h;

      if (name == NULL || name[0] == '\0')
        continue;
      /* "Wuxi +3": the largest place of a cluster and how many more. */
      if (m->n_places > 1)
        name = text = g_strdup_printf ("%s +%u", name, m->n_places - 1);
      label.layout = _cm_map_painter_layout (self, bold ? TEXT_PLACE_BOLD : TEXT_PLACE, name);
      _cm_map_layout_size (label.layout, &w, &h);
      if (!cm_map_labeler_place_beside (self->labeler, m->x, m->y, m->r + 1, w, h, &box))
        continue;
      label.x = box.x0;
      label.y = box.y0;
      label.style = bold ? 1 : 0;
      g_array_append_val (labels, label);
    }
}

static const char *
region_text (CmMapPainter          *self,
             const CmBasemapRegion *r,
             char                 **owned)
{
  if (self->language == CM_LABEL_LANGUAGE_LOCAL)
    {
      if (r->name_zh_short)
        return r->name_zh_short;
      if (r->name_zh)
        return r->name_zh;
    }
  if (r->name == NULL)
    return NULL;
  /* English area names in capitals, as atlases set them. */
  *owned = g_utf8_strup (r->name, -1);
  return *owned;
}

/* Whether each region's label fits inside its polygon depends only on the
 * scale (the anchor and the polygon are projected), so pans reuse it. */
static void
ensure_region_fit (CmMapPainter *self)
{
  guint n = cm_basemap_get_n_regions (self->basemap);
  guint key = self->base_gen * 4u + self->language + 1;
  Shapes *s = self->shapes;

  if (self->region_fit != NULL && self->region_fit_key == key
      && self->region_fit_scale == self->view.scale)
    return;
  g_free (self->region_fit);
  self->region_fit = g_new0 (guint8, MAX (n, 1));
  self->region_fit_key = key;
  self->region_fit_scale = self->view.scale;

  for (guint r = 0; r < n; r++)
    {
      const CmBasemapRegion *region = cm_basemap_get_region (self->basemap, r);
      g_autofree char *owned = NULL;
      const char *text;
      double w, h, hw, hh, ax, ay;
      CmMapBox box;

      /* A country is named unless its provinces are. */
      if (region->role == CM_BASEMAP_ROLE_COUNTRY && (s->covered[r] || !s->world))
        continue;
      text = region_text (self, region, &owned);
      if (text == NULL)
        continue;
      _cm_map_layout_size (_cm_map_painter_layout (self, TEXT_REGION, text), &w, &h);
      hw = (w / 2 + 2) / self->view.scale;
      hh = (h / 2 + 1) / self->view.scale;
      /* Cheap reject: a region smaller than its label. */
      if (s->boxes[r].x1 - s->boxes[r].x0 < 2 * hw || s->boxes[r].y1 - s->boxes[r].y0 < 2 * hh)
        continue;
      _cm_map_shapes_anchor (s, r, &ax, &ay);
      box = (CmMapBox) { ax - hw, ay - hh, ax + hw, ay + hh };
      self->region_fit[r] = cm_map_rings_contain_box (s->xy, s->starts + s->first_ring[r],
                                                      s->n_rings[r], &box);
    }
}

static void
region_labels (CmMapPainter *self,
               GArray       *labels)
{
  guint n;

  if (self->basemap == NULL || self->shapes == NULL)
    return;
  ensure_region_fit (self);
  n = cm_basemap_get_n_regions (self->basemap);

  /* Provinces before neighbours: the map is about the former. */
  for (int pass = 0; pass < 2; pass++)
    for (guint r = 0; r < n; r++)
      {
        const CmBasemapRegion *region = cm_basemap_get_region (self->basemap, r);
        gboolean neighbour = region->role == CM_BASEMAP_ROLE_NEIGHBOUR;
        g_autofree char *owned = NULL;
        const char *text;
        Label label;
        CmMapBox box;
        double x, y, w, h, ax, ay;

        if (!self->region_fit[r] || neighbour != (pass == 1))
          continue;
        text = region_text (self, region, &owned);
        label.layout = _cm_map_painter_layout (self, TEXT_REGION, text);
        _cm_map_layout_size (label.layout, &w, &h);
        _cm_map_shapes_anchor (self->shapes, r, &ax, &ay);
        cm_map_view_to_screen (&self->view, ax, ay, &x, &y);
        box = (CmMapBox) { x - w / 2, y - h / 2, x + w / 2, y + h / 2 };
        if (!cm_map_labeler_try_add (self->labeler, &box))
          continue;
        label.x = box.x0;
        label.y = box.y0;
        label.style = neighbour ? 3 : 2;
        g_array_append_val (labels, label);
      }
}

static void
draw_labels (CmMapPainter *self,
             cairo_t      *cr,
             GArray       *labels,
             gboolean      regions)
{
  const CmPaintStyle *st = &self->style;
  CmRgba halo, region_fg, neighbour_fg;
  CmMapPalette palette;

  halo_color (self, &halo);
  /* Names of areas are quieter than places, but text all the same
   * (4.5:1 on their fills). */
  cm_map_palette_init (&palette, st->dark);
  cm_map_palette_label_inks (&palette, st, &region_fg, &neighbour_fg);

  for (guint i = 0; i < labels->len; i++)
    {
      const Label *l = &g_array_index (labels, Label, i);

      if ((l->style >= 2) != regions)
        continue;
      if (l->style == 2)
        _cm_map_painter_draw_text (self, cr, l->layout, l->x, l->y, &region_fg, NULL, 0);
      else if (l->style == 3)
        _cm_map_painter_draw_text (self, cr, l->layout, l->x, l->y, &neighbour_fg, NULL, 0);
      else
        _cm_map_painter_draw_text (self, cr, l->layout, l->x, l->y, &st->foreground, &halo, 3.0);
    }
}

/* Overlays ---------------------------------------------------------------- */

double
_cm_map_nice_below (double v)
{
  double p = pow (10, floor (log10 (v)));
  double f = v / p;

  return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * p;
}

void
_cm_map_painter_panel (CmMapPainter   *self,
                       cairo_t        *cr,
                       const CmMapBox *b)
{
  CmRgba bg = self->style.background, edge = self->style.dim_foreground;
  double r = 4;

  bg.a = 0.86;
  edge.a = 0.25;
  cairo_new_sub_path (cr);
  cairo_arc (cr, b->x1 - r, b->y0 + r, r, -G_PI / 2, 0);
  cairo_arc (cr, b->x1 - r, b->y1 - r, r, 0, G_PI / 2);
  cairo_arc (cr, b->x0 + r, b->y1 - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, b->x0 + r, b->y0 + r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
  cm_set_source_rgba (cr, &bg);
  cairo_fill_preserve (cr);
  cm_set_source_rgba (cr, &edge);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Ground metres per screen unit at the view centre, along the parallel. */
static double
ground_per_unit (CmMapPainter *self)
{
  double lon, lat;

  if (!cm_projection_inverse (&self->projection, self->view.cx, self->view.cy, &lon, &lat))
    {
      lon = self->projection.lon0;
      lat = self->projection.lat0;
    }
  return 1.0 / (self->view.scale * cm_projection_point_scale (&self->projection, lon, lat));
}

/* Whether one scale bar holds across the view: the scale at the centre
 * and at the middles of the top and bottom edges within 10 %. */
static gboolean
scale_is_uniform (CmMapPainter *self)
{
  double lon, lat, lo = G_MAXDOUBLE, hi = 0;
  const double dy[] = { 0, -0.5, 0.5 };

  if (!cm_projection_is_world (&self->projection) && self->projection.type != CM_PROJECTION_MERCATOR)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (dy); i++)
    {
      double k;

      if (!cm_projection_inverse (&self->projection, self->view.cx,
                                  self->view.cy + dy[i] * self->view.height / self->view.scale, &lon, &lat))
        return FALSE;
      k = cm_projection_point_scale (&self->projection, lon, lat);
      lo = MIN (lo, k);
      hi = MAX (hi, k);
    }
  return hi <= lo * 1.1;
}

static void
scale_bar_layout (CmMapPainter *self,
                  double       *length,
                  char          text[32],
                  CmMapBox     *box)
{
  double per_unit = ground_per_unit (self);
  double metres = _cm_map_nice_below (140 * per_unit);
  double w, h;

  *length = metres / per_unit;
  if (metres >= 1000)
    g_snprintf (text, 32, "%g km", metres / 1000);
  else
    g_snprintf (text, 32, "%g m", metres);
  _cm_map_layout_size (_cm_map_painter_layout (self, TEXT_SMALL, text), &w, &h);
  *box = (CmMapBox) { CM_MAP_PAD, self->view.height - CM_MAP_PAD - h - 8,
                      CM_MAP_PAD + MAX (*length, w) + 2 * CM_MAP_PANEL_PAD,
                      self->view.height - CM_MAP_PAD };
}

static void
draw_scale_bar (CmMapPainter   *self,
                cairo_t        *cr,
                const CmMapBox *box)
{
  char text[32];
  double length, x0, y;
  CmMapBox b;
  PangoLayout *layout;
  CmRgba halo;

  scale_bar_layout (self, &length, text, &b);
  halo_color (self, &halo);
  x0 = box->x0 + 2;
  y = box->y1 - 4;
  /* Bar with end ticks over a halo, text above its left end. */
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_move_to (cr, x0, y - 5);
      cairo_line_to (cr, x0, y);
      cairo_line_to (cr, x0 + length, y);
      cairo_line_to (cr, x0 + length, y - 5);
      cm_set_source_rgba (cr, pass == 0 ? &halo : &self->style.foreground);
      cairo_set_line_width (cr, pass == 0 ? 3.5 : 1.2);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
      cairo_stroke (cr);
    }
  layout = _cm_map_painter_layout (self, TEXT_SMALL, text);
  _cm_map_painter_draw_text (self, cr, layout, x0 + 3, box->y0, &self->style.foreground, &halo, 3.0);
}

static const char *
attribution_text (CmMapPainter *self)
{
  const char *text;

  if (self->basemap == NULL)
    return NULL;
  text = cm_basemap_get_attribution (self->basemap);
  return text ? text : cm_basemap_get_display_name (self->basemap);
}

static void
attribution_layout (CmMapPainter *self,
                    CmMapBox     *box)
{
  double w, h;

  _cm_map_layout_size (_cm_map_painter_layout (self, TEXT_SMALL, attribution_text (self)), &w, &h);
  w = MIN (w, self->view.width - 2 * CM_MAP_PAD);
  *box = (CmMapBox) { self->view.width - CM_MAP_PAD / 2 - w - 8,
                      self->view.height - CM_MAP_PAD / 2 - h - 4,
                      self->view.width - CM_MAP_PAD / 2, self->view.height - CM_MAP_PAD / 2 };
}

static void
draw_attribution (CmMapPainter   *self,
                  cairo_t        *cr,
                  const CmMapBox *box)
{
  PangoLayout *layout = _cm_map_painter_layout (self, TEXT_SMALL, attribution_text (self));

  _cm_map_painter_panel (self, cr, box);
  cairo_save (cr);
  cairo_rectangle (cr, box->x0, box->y0, box->x1 - box->x0, box->y1 - box->y0);
  cairo_clip (cr);
  _cm_map_painter_draw_text (self, cr, layout, box->x0 + 4, box->y0 + 2,
                             &self->style.dim_foreground, NULL, 0);
  cairo_restore (cr);
}

static void
overlays_layout (CmMapPainter *self,
                 Overlays     *o)
{
  double length;
  char text[32];

  memset (o, 0, sizeof *o);
  /* On a world projection the scale changes across the view: no bar
   * would be true for more than its middle. */
  o->has_scale_bar = (self->overlays & CM_MAP_OVERLAY_SCALE_BAR) && self->view.width > 160
                     && scale_is_uniform (self);
  o->has_attribution = (self->overlays & CM_MAP_OVERLAY_ATTRIBUTION) && attribution_text (self) != NULL;
  o->has_legend = (self->overlays & CM_MAP_OVERLAY_LEGEND) && self->marks->len > 0
                  && self->view.width > 240 && self->view.height > 180;
  if (o->has_scale_bar)
    scale_bar_layout (self, &length, text, &o->scale_bar);
  if (o->has_attribution)
    attribution_layout (self, &o->attribution);
  /* The legend ends above the scale bar, in the top-left corner too. */
  if (o->has_legend)
    _cm_map_painter_legend_layout (self,
                                   o->has_scale_bar ? o->scale_bar.y0 - CM_MAP_PAD / 2
                                                    : self->view.height - CM_MAP_PAD,
                                   &o->legend, &o->legend_rows);
}

void
_cm_map_painter_overlay_insets (CmMapPainter *self,
                                double        insets[4])
{
  Overlays o;
  double bottom = 0, w = self->view.width, h = self->view.height;

  _cm_map_painter_ensure_marks (self);
  ensure_pango (self);
  overlays_layout (self, &o);
  insets[0] = insets[1] = insets[2] = insets[3] = 0;
  if (o.has_scale_bar)
    bottom = MAX (bottom, h - o.scale_bar.y0);
  if (o.has_attribution)
    bottom = MAX (bottom, h - o.attribution.y0);
  insets[3] = bottom;
  /* The legend is a column at the left when that leaves most of the
   * width, else a band at the top. */
  if (o.has_legend)
    {
      if (o.legend.x1 < w / 2)
        insets[0] = o.legend.x1;
      else
        insets[1] = o.legend.y1;
    }
}

gboolean
_cm_map_painter_overlay_box (CmMapPainter  *self,
                             CmMapOverlays  which,
                             CmMapBox      *box)
{
  Overlays o;

  _cm_map_painter_ensure_marks (self);
  ensure_pango (self);
  overlays_layout (self, &o);
  switch (which)
    {
    case CM_MAP_OVERLAY_SCALE_BAR:
      *box = o.scale_bar;
      return o.has_scale_bar;
    case CM_MAP_OVERLAY_ATTRIBUTION:
      *box = o.attribution;
      return o.has_attribution;
    case CM_MAP_OVERLAY_LEGEND:
      *box = o.legend;
      return o.has_legend;
    case CM_MAP_OVERLAY_NONE:
    case CM_MAP_OVERLAY_ALL:
    default:
      return FALSE;
    }
}

void
_cm_map_painter_draw_marks (CmMapPainter *self,
                            cairo_t      *cr)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (Label));
  g_autoptr(GPtrArray) order = NULL;
  CmCanvas canvas;
  gboolean use_canvas;
  Overlays o;
  MarkInks inks;

  _cm_map_painter_ensure_marks (self);
  ensure_pango (self);
  overlays_layout (self, &o);

  /* Placement first (overlays, markers, place labels, then area names),
   * drawing after, bottom up. */
  cm_map_labeler_reset (self->labeler, self->view.width, self->view.height);
  cm_map_labeler_set_gap (self->labeler, label_gap (self));
  if (o.has_scale_bar)
    cm_map_labeler_add_obstacle (self->labeler, &o.scale_bar);
  if (o.has_attribution)
    cm_map_labeler_add_obstacle (self->labeler, &o.attribution);
  if (o.has_legend)
    cm_map_labeler_add_obstacle (self->labeler, &o.legend);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *m = &g_array_index (self->marks, Mark, i);

      if (!(m->flags & (MARK_DIM | MARK_GHOST)))
        cm_map_labeler_add_circle (self->labeler, m->x, m->y, m->r + 1);
    }
  /* The most important places first, then the names of areas (they give
   * the map its structure), then the remaining places where room is left. */
  order = label_order (self);
  place_labels (self, order, 0, MAX (8, order->len / 4), labels);
  region_labels (self, labels);
  place_labels (self, order, MAX (8, order->len / 4), order->len, labels);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->view.width, self->view.height);
  cairo_clip (cr);
  draw_labels (self, cr, labels, TRUE);
  use_canvas = cm_canvas_begin (&canvas, cr);
  mark_inks_init (self, &inks);
  for (guint i = 0; i < self->marks->len; i++)
    draw_mark (self, cr, use_canvas ? &canvas : NULL, &g_array_index (self->marks, Mark, i), &inks);
  for (guint i = 0; i < self->marks->len; i++)
    draw_rings (self, cr, &g_array_index (self->marks, Mark, i));
  _cm_map_painter_draw_focus (self, cr);
  draw_labels (self, cr, labels, FALSE);
  if (o.has_legend)
    _cm_map_painter_draw_legend (self, cr, &o.legend, o.legend_rows);
  if (o.has_scale_bar)
    draw_scale_bar (self, cr, &o.scale_bar);
  if (o.has_attribution)
    draw_attribution (self, cr, &o.attribution);
  cairo_restore (cr);
}
