/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The widget test compiles this file with its own domain on the command line. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "chronomap-map"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cm-map-private.h"
#include "cm-widget-raster.h"
#include "cm-text.h"

/*
 * CmMap: the interactive map. The painter (cm-map-painter.c) holds the
 * data and the view and does all drawing and hit testing; this widget adds
 * input, the properties the app binds (time filter, playhead, selection,
 * style) and turns frames into textures.
 *
 * Frames are painted into an image surface (cm-widget-raster.c), not
 * through gtk_snapshot_append_cairo(): that records onto a recording
 * surface, and the painter would then take its vector path (no cached
 * base layer, glyph outlines for haloed labels) on every frame.
 */


enum
{
  PROP_0,
  PROP_BASEMAP,
  PROP_TIME_START,
  PROP_TIME_END,
  PROP_PLAYHEAD,
  PROP_SELECTION,
  PROP_DARK,
  PROP_LANGUAGE,
  PROP_COLOR_MODE,
  PROP_DIM_FILTERED,
  PROP_CLUSTERING,
  PROP_SHOW_LEGEND,
  PROP_ZOOM,
  PROP_CENTER_LONGITUDE,
  PROP_CENTER_LATITUDE,
  N_PROPS
};

enum
{
  SELECTION_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CmMap, cm_map, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* Helpers --------------------------------------------------------------- */

static void
update_style (CmMap *self)
{
  CmPaintStyle style;

  cm_widget_paint_style (GTK_WIDGET (self), self->dark, &style);
  cm_map_painter_set_style (self->painter, &style);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_actions (CmMap *self)
{
  CmMapView v;
  double lo, hi;

  cm_map_painter_get_view (self->painter, &v);
  cm_map_painter_get_scale_limits (self->painter, &lo, &hi);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-in", v.scale < hi * 0.999);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-out", v.scale > lo * 1.001);
}

/* "3 announcements outside the view · 10 have no place": what the view
 * does not show, so that data off screen is never silently missing. */
static void
update_edge_note (CmMap *self)
{
  guint outside;
  g_autoptr(GString) text = NULL;

  if (self->edge_note == NULL || self->painter == NULL)
    return;
  outside = cm_map_painter_count_outside (self->painter, NULL);
  text = g_string_new (NULL);

  if (outside > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u announcement outside the view",
                                               "%u announcements outside the view", outside), outside);
  if (self->n_unplaced > 0)
    {
      if (text->len > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u has no place", " · %u have no place",
                                                   self->n_unplaced),
                                self->n_unplaced);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u announcement has no place",
                                                   "%u announcements have no place", self->n_unplaced),
                                self->n_unplaced);
    }
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (self->edge_note)), text->str) != 0)
    gtk_button_set_label (GTK_BUTTON (self->edge_note), text->str);
  gtk_widget_set_sensitive (self->edge_note, outside > 0);
  gtk_widget_set_tooltip_text (self->edge_note, outside > 0 ? _("Fit the map to the data") : NULL);
  gtk_widget_set_visible (self->edge_note, text->len > 0);
}

static void
edge_note_clicked (CmMap *self)
{
  cm_map_fit_data (self);
}

/* After any change of view: redraw, refresh the actions, notify. */
void
_cm_map_view_changed (CmMap *self)
{
  double zoom = cm_map_get_zoom (self), lon = 0, lat = 0;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_actions (self);
  update_edge_note (self);
  cm_map_get_center (self, &lon, &lat);

  g_object_freeze_notify (G_OBJECT (self));
  if (zoom != self->notified_zoom)
    {
      self->notified_zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (lon != self->notified_lon)
    {
      self->notified_lon = lon;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_LONGITUDE]);
    }
  if (lat != self->notified_lat)
    {
      self->notified_lat = lat;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_LATITUDE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* The painter tells whether it changed (painter_selection_changed()). */
void
_cm_map_set_selection (CmMap  *self,
                       GArray *places)
{
  cm_map_painter_set_selection (self->painter, places->len, (const guint *) places->data);
}

GArray *
_cm_map_current_selection (CmMap *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = cm_map_painter_get_n_places (self->painter);

  for (guint i = 0; i < n; i++)
    if (cm_map_painter_is_selected (self->painter, i))
      g_array_append_val (out, i);
  return out;
}

void
_cm_map_update_hover (CmMap *self)
{
  CmMapHit hit = { .kind = CM_MAP_HIT_NONE };

  if (self->has_pointer && !self->rubber_band)
    cm_map_painter_hit_test (self->painter, self->pointer_x, self->pointer_y, &hit);
  /* Pointer motion over the same marker (or none) redraws nothing. */
  if (hit.kind == self->hover.kind && hit.level == self->hover.level
      && hit.cluster == self->hover.cluster && hit.place == self->hover.place)
    return;
  self->hover = hit;
  cm_map_painter_set_hover (self->painter, hit.kind == CM_MAP_HIT_NONE ? NULL : &hit);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The painter's data changed, whoever set it (the app sets it through
 * cm_map_get_painter()): redraw, and find what the pointer is over. */
static void
painter_data_changed (CmMap *self,
                      guint  what)
{
  /* Cluster indices change with the layout: compare with nothing. */
  if (what & CM_MAP_CHANGED_LAYOUT)
    self->hover.level = G_MAXUINT;
  /* The same clusters may count others: the hovered one's tooltip too. */
  if (what & (CM_MAP_CHANGED_LAYOUT | CM_MAP_CHANGED_COUNTS))
    _cm_map_update_hover (self);
  update_edge_note (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
painter_selection_changed (CmMap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}


/* Vfuncs ---------------------------------------------------------------- */

static void
cm_map_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : 90;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
cm_map_size_allocate (GtkWidget *widget,
                      int        width,
                      int        height,
                      int        baseline)
{
  CmMap *self = CM_MAP (widget);

  cm_map_painter_set_viewport (self->painter, width, height);
  if (self->fit == FIT_BASEMAP)
    cm_map_painter_fit_basemap (self->painter);
  else if (self->fit == FIT_DATA)
    cm_map_painter_fit_data (self->painter);
  _cm_map_view_changed (self);

  if (gtk_widget_get_visible (self->edge_note))
    {
      int w, h;

      gtk_widget_measure (self->edge_note, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      w = MIN (w, MAX (width - 16, 1));
      gtk_widget_measure (self->edge_note, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
      gtk_widget_size_allocate (self->edge_note,
                                &(GtkAllocation) { (width - w) / 2, 8, w, h }, -1);
    }
}

static void
cm_map_snapshot (GtkWidget   *widget,
                 GtkSnapshot *snapshot)
{
  CmMap *self = CM_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  cairo_t *cr;
  gboolean sharp;

  if (width <= 0 || height <= 0)
    return;

  cr = cm_widget_raster_begin (width, height, scale);
  sharp = cm_map_painter_draw (self->painter, cr,
                               self->interactive ? CM_MAP_DRAW_INTERACTIVE : CM_MAP_DRAW_DEFAULT);
  cm_widget_raster_append (cr, snapshot, width, height);
  gtk_widget_snapshot_child (widget, self->edge_note, snapshot);

  if (self->rubber_band)
    {
      GdkRGBA fill = { 0.21, 0.52, 0.89, 0.15 }, edge = { 0.21, 0.52, 0.89, 0.9 };
      double x = MIN (self->drag_x, self->drag_x + self->drag_dx);
      double y = MIN (self->drag_y, self->drag_y + self->drag_dy);
      double w = fabs (self->drag_dx), h = fabs (self->drag_dy);

      gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (x, y, w, h));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x, y, w, 1));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x, y + h - 1, w, 1));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x, y, 1, h));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x + w - 1, y, 1, h));
    }

  /* A stretched frame: make sure a sharp one follows. */
  if (!sharp && self->settle_id == 0)
    self->settle_id = g_timeout_add (CM_MAP_SETTLE_MS, _cm_map_settle_cb, self);
}

static void
cm_map_css_changed (GtkWidget         *widget,
                    GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cm_map_parent_class)->css_changed (widget, change);
  update_style (CM_MAP (widget));
}

static void
scale_factor_cb (CmMap *self)
{
  update_style (self);
}

static void
cm_map_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  CmMap *self = CM_MAP (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      g_value_set_object (value, cm_map_get_basemap (self));
      break;
    case PROP_TIME_START:
      g_value_set_int64 (value, cm_map_get_time_start (self));
      break;
    case PROP_TIME_END:
      g_value_set_int64 (value, cm_map_get_time_end (self));
      break;
    case PROP_PLAYHEAD:
      g_value_set_int64 (value, cm_map_get_playhead (self));
      break;
    case PROP_SELECTION:
      g_value_take_boxed (value, cm_map_get_selection (self));
      break;
    case PROP_DARK:
      g_value_set_boolean (value, cm_map_get_dark (self));
      break;
    case PROP_LANGUAGE:
      g_value_set_enum (value, cm_map_get_language (self));
      break;
    case PROP_COLOR_MODE:
      g_value_set_enum (value, cm_map_get_color_mode (self));
      break;
    case PROP_DIM_FILTERED:
      g_value_set_boolean (value, cm_map_get_dim_filtered (self));
      break;
    case PROP_CLUSTERING:
      g_value_set_boolean (value, cm_map_get_clustering (self));
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, cm_map_get_show_legend (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, cm_map_get_zoom (self));
      break;
    case PROP_CENTER_LONGITUDE:
    case PROP_CENTER_LATITUDE:
      {
        double lon = 0, lat = 0;

        cm_map_get_center (self, &lon, &lat);
        g_value_set_double (value, prop_id == PROP_CENTER_LONGITUDE ? lon : lat);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_map_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  CmMap *self = CM_MAP (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      cm_map_set_basemap (self, g_value_get_object (value));
      break;
    case PROP_TIME_START:
      cm_map_set_time_start (self, g_value_get_int64 (value));
      break;
    case PROP_TIME_END:
      cm_map_set_time_end (self, g_value_get_int64 (value));
      break;
    case PROP_PLAYHEAD:
      cm_map_set_playhead (self, g_value_get_int64 (value));
      break;
    case PROP_SELECTION:
      cm_map_set_selection (self, g_value_get_boxed (value));
      break;
    case PROP_DARK:
      cm_map_set_dark (self, g_value_get_boolean (value));
      break;
    case PROP_LANGUAGE:
      cm_map_set_language (self, g_value_get_enum (value));
      break;
    case PROP_COLOR_MODE:
      cm_map_set_color_mode (self, g_value_get_enum (value));
      break;
    case PROP_DIM_FILTERED:
      cm_map_set_dim_filtered (self, g_value_get_boolean (value));
      break;
    case PROP_CLUSTERING:
      cm_map_set_clustering (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_LEGEND:
      cm_map_set_show_legend (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      cm_map_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_CENTER_LONGITUDE:
    case PROP_CENTER_LATITUDE:
      {
        double lon = 0, lat = 0;

        cm_map_get_center (self, &lon, &lat);
        if (prop_id == PROP_CENTER_LONGITUDE)
          lon = g_value_get_double (value);
        else
          lat = g_value_get_double (value);
        cm_map_set_center (self, lon, lat);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_map_dispose (GObject *object)
{
  CmMap *self = CM_MAP (object);

  _cm_map_stop_glide (self);
  _cm_map_dispose_a11y (self);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_cancellable_cancel (self->base_job);
  g_clear_object (&self->base_job);
  g_clear_object (&self->painter);
  g_clear_pointer (&self->edge_note, gtk_widget_unparent);
  cm_map_set_place_text_func (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (cm_map_parent_class)->dispose (object);
}

static void
cm_map_class_init (CmMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = cm_map_get_property;
  object_class->set_property = cm_map_set_property;
  object_class->dispose = cm_map_dispose;

  widget_class->measure = cm_map_measure;
  widget_class->size_allocate = cm_map_size_allocate;
  widget_class->snapshot = cm_map_snapshot;
  widget_class->css_changed = cm_map_css_changed;

  properties[PROP_BASEMAP] =
    g_param_spec_object ("basemap", NULL, NULL, CM_TYPE_BASEMAP, rw);
  properties[PROP_TIME_START] =
    g_param_spec_int64 ("time-start", NULL, NULL, G_MININT64, G_MAXINT64, G_MININT64, rw);
  properties[PROP_TIME_END] =
    g_param_spec_int64 ("time-end", NULL, NULL, G_MININT64, G_MAXINT64, G_MAXINT64, rw);
  properties[PROP_PLAYHEAD] =
    g_param_spec_int64 ("playhead", NULL, NULL, G_MININT64, G_MAXINT64, CM_MAP_NO_PLAYHEAD, rw);
  /* Indices of the selected places. */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, GTK_TYPE_BITSET, rw);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE, rw);
  properties[PROP_LANGUAGE] =
    g_param_spec_enum ("language", NULL, NULL, CM_TYPE_LABEL_LANGUAGE, CM_LABEL_LANGUAGE_ENGLISH, rw);
  properties[PROP_COLOR_MODE] =
    g_param_spec_enum ("color-mode", NULL, NULL, CM_TYPE_MAP_COLOR, CM_MAP_COLOR_BY_CATEGORY, rw);
  properties[PROP_DIM_FILTERED] =
    g_param_spec_boolean ("dim-filtered", NULL, NULL, FALSE, rw);
  properties[PROP_CLUSTERING] =
    g_param_spec_boolean ("clustering", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE, rw);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_CENTER_LONGITUDE] =
    g_param_spec_double ("center-longitude", NULL, NULL, -540, 540, 0, rw);
  properties[PROP_CENTER_LATITUDE] =
    g_param_spec_double ("center-latitude", NULL, NULL, -90, 90, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  _cm_map_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "map");
  /* A group, as the timeline: an image is not read as something that
   * takes keys, and its description is what the map shows. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cm_map_init (CmMap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->painter = cm_map_painter_new ();
  g_signal_connect_object (self->painter, "data-changed", G_CALLBACK (painter_data_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->painter, "selection-changed", G_CALLBACK (painter_selection_changed), self,
                           G_CONNECT_SWAPPED);
  self->language = CM_LABEL_LANGUAGE_ENGLISH;
  self->show_legend = TRUE;
  self->clustering = TRUE;
  self->fit = FIT_BASEMAP;
  self->time_start = G_MININT64;
  self->time_end = G_MAXINT64;
  self->playhead = CM_MAP_NO_PLAYHEAD;
  self->notified_zoom = NAN;
  self->notified_lon = NAN;
  self->notified_lat = NAN;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of announcements"),
                                  -1);

  self->edge_note = gtk_button_new ();
  gtk_widget_add_css_class (self->edge_note, "osd");
  gtk_widget_add_css_class (self->edge_note, "edge-note");
  gtk_widget_set_visible (self->edge_note, FALSE);
  gtk_widget_set_parent (self->edge_note, widget);
  g_signal_connect_swapped (self->edge_note, "clicked", G_CALLBACK (edge_note_clicked), self);

  _cm_map_init_input (self);
  update_style (self);
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
cm_map_new (void)
{
  return g_object_new (CM_TYPE_MAP, NULL);
}

CmMapPainter *
cm_map_get_painter (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), NULL);
  return self->painter;
}

void
cm_map_set_basemap (CmMap     *self,
                    CmBasemap *basemap)
{
  g_return_if_fail (CM_IS_MAP (self));
  g_return_if_fail (basemap == NULL || CM_IS_BASEMAP (basemap));

  if (cm_map_painter_get_basemap (self->painter) == basemap)
    return;
  cm_map_painter_set_basemap (self->painter, basemap);
  self->fit = FIT_BASEMAP;
  cm_map_painter_fit_basemap (self->painter);
  self->hover.level = G_MAXUINT;
  _cm_map_update_hover (self);
  _cm_map_view_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
}

CmBasemap *
cm_map_get_basemap (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), NULL);
  return cm_map_painter_get_basemap (self->painter);
}

gint64
cm_map_get_time_start (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), G_MININT64);
  return self->time_start;
}

void
cm_map_set_time_start (CmMap  *self,
                       gint64  start)
{
  g_return_if_fail (CM_IS_MAP (self));

  if (self->time_start == start)
    return;
  self->time_start = start;
  cm_map_painter_set_time_range (self->painter, self->time_start, self->time_end);
  _cm_map_update_hover (self);
  /* The counts changed, whether or not the hovered marker did. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_START]);
}

gint64
cm_map_get_time_end (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), G_MAXINT64);
  return self->time_end;
}

void
cm_map_set_time_end (CmMap  *self,
                     gint64  end)
{
  g_return_if_fail (CM_IS_MAP (self));

  if (self->time_end == end)
    return;
  self->time_end = end;
  cm_map_painter_set_time_range (self->painter, self->time_start, self->time_end);
  _cm_map_update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_END]);
}

gint64
cm_map_get_playhead (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), CM_MAP_NO_PLAYHEAD);
  return self->playhead;
}

void
cm_map_set_playhead (CmMap  *self,
                     gint64  playhead)
{
  g_return_if_fail (CM_IS_MAP (self));

  if (self->playhead == playhead)
    return;
  self->playhead = playhead;
  cm_map_painter_set_playhead (self->painter, playhead);
  _cm_map_update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
}

gboolean
cm_map_get_dark (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), FALSE);
  return self->dark;
}

void
cm_map_set_dark (CmMap    *self,
                 gboolean  dark)
{
  g_return_if_fail (CM_IS_MAP (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  update_style (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

CmLabelLanguage
cm_map_get_language (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), CM_LABEL_LANGUAGE_ENGLISH);
  return self->language;
}

/* Auto follows the locale: see cm_label_language_resolve(). */
void
cm_map_set_language (CmMap           *self,
                     CmLabelLanguage  language)
{
  g_return_if_fail (CM_IS_MAP (self));

  if (self->language == language)
    return;
  self->language = language;
  cm_map_painter_set_language (self->painter, language);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

CmMapColor
cm_map_get_color_mode (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), CM_MAP_COLOR_BY_CATEGORY);
  return self->color_mode;
}

void
cm_map_set_color_mode (CmMap      *self,
                       CmMapColor  mode)
{
  g_return_if_fail (CM_IS_MAP (self));

  if (self->color_mode == mode)
    return;
  self->color_mode = mode;
  cm_map_painter_set_color_mode (self->painter, mode);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_MODE]);
}

gboolean
cm_map_get_dim_filtered (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), FALSE);
  return self->dim_filtered;
}

void
cm_map_set_dim_filtered (CmMap    *self,
                         gboolean  dim)
{
  g_return_if_fail (CM_IS_MAP (self));

  dim = !!dim;
  if (self->dim_filtered == dim)
    return;
  self->dim_filtered = dim;
  cm_map_painter_set_filter_mode (self->painter, dim ? CM_MAP_FILTERED_DIM : CM_MAP_FILTERED_HIDE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIM_FILTERED]);
}

gboolean
cm_map_get_clustering (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), TRUE);
  return self->clustering;
}

void
cm_map_set_clustering (CmMap    *self,
                       gboolean  clustering)
{
  g_return_if_fail (CM_IS_MAP (self));

  clustering = !!clustering;
  if (self->clustering == clustering)
    return;
  self->clustering = clustering;
  cm_map_painter_set_clustering (self->painter, clustering);
  /* Cluster indices change: compare with nothing. */
  self->hover.level = G_MAXUINT;
  _cm_map_update_hover (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTERING]);
}

gboolean
cm_map_get_show_legend (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), TRUE);
  return self->show_legend;
}

void
cm_map_set_show_legend (CmMap    *self,
                        gboolean  show)
{
  g_return_if_fail (CM_IS_MAP (self));

  show = !!show;
  if (self->show_legend == show)
    return;
  self->show_legend = show;
  cm_map_painter_set_overlays (self->painter, show ? CM_MAP_OVERLAY_ALL
                                                   : CM_MAP_OVERLAY_ALL & ~CM_MAP_OVERLAY_LEGEND);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

double
cm_map_get_zoom (CmMap *self)
{
  CmMapView v;

  g_return_val_if_fail (CM_IS_MAP (self), 0);

  cm_map_painter_get_view (self->painter, &v);
  return log2 (v.scale / cm_map_painter_get_fit_scale (self->painter));
}

void
cm_map_set_zoom (CmMap  *self,
                 double  zoom)
{
  CmMapView v;

  g_return_if_fail (CM_IS_MAP (self));

  if (!isfinite (zoom))
    return;
  self->fit = FIT_NONE;
  cm_map_painter_get_view (self->painter, &v);
  cm_map_painter_zoom_about (self->painter,
                             cm_map_painter_get_fit_scale (self->painter) * exp2 (zoom) / v.scale,
                             v.width / 2, v.height / 2);
  _cm_map_view_changed (self);
}

void
cm_map_get_center (CmMap  *self,
                   double *lon,
                   double *lat)
{
  CmMapView v;

  g_return_if_fail (CM_IS_MAP (self));

  cm_map_painter_get_view (self->painter, &v);
  if (!cm_map_painter_screen_to_lonlat (self->painter, v.width / 2, v.height / 2, lon, lat))
    *lon = *lat = 0;
}

void
cm_map_set_center (CmMap  *self,
                   double  lon,
                   double  lat)
{
  CmMapView v;
  double x, y;

  g_return_if_fail (CM_IS_MAP (self));

  if (!isfinite (lon) || !isfinite (lat))
    return;
  self->fit = FIT_NONE;
  cm_map_painter_get_view (self->painter, &v);
  cm_map_painter_lonlat_to_screen (self->painter, lon, CLAMP (lat, -90, 90), &x, &y);
  cm_map_painter_pan (self->painter, v.width / 2 - x, v.height / 2 - y);
  _cm_map_view_changed (self);
}

static void
zoom_by (CmMap  *self,
         double  factor)
{
  CmMapView v;

  _cm_map_stop_glide (self);
  self->fit = FIT_NONE;
  cm_map_painter_get_view (self->painter, &v);
  cm_map_painter_zoom_about (self->painter, factor, v.width / 2, v.height / 2);
  _cm_map_view_changed (self);
  _cm_map_update_hover (self);
}

void
cm_map_zoom_in (CmMap *self)
{
  g_return_if_fail (CM_IS_MAP (self));
  zoom_by (self, CM_MAP_ZOOM_STEP);
}

void
cm_map_zoom_out (CmMap *self)
{
  g_return_if_fail (CM_IS_MAP (self));
  zoom_by (self, 1 / CM_MAP_ZOOM_STEP);
}

void
cm_map_fit_data (CmMap *self)
{
  g_return_if_fail (CM_IS_MAP (self));

  _cm_map_stop_glide (self);
  self->fit = FIT_DATA;
  cm_map_painter_fit_data (self->painter);
  _cm_map_view_changed (self);
  _cm_map_update_hover (self);
}

void
cm_map_set_unplaced (CmMap *self,
                     guint  n_unplaced)
{
  g_return_if_fail (CM_IS_MAP (self));

  self->n_unplaced = n_unplaced;
  update_edge_note (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

guint
cm_map_get_n_outside (CmMap *self)
{
  g_return_val_if_fail (CM_IS_MAP (self), 0);
  return cm_map_painter_count_outside (self->painter, NULL);
}

void
cm_map_fit_basemap (CmMap *self)
{
  g_return_if_fail (CM_IS_MAP (self));

  _cm_map_stop_glide (self);
  self->fit = FIT_BASEMAP;
  cm_map_painter_fit_basemap (self->painter);
  _cm_map_view_changed (self);
  _cm_map_update_hover (self);
}

GtkBitset *
cm_map_get_selection (CmMap *self)
{
  g_autoptr(GArray) selected = NULL;
  GtkBitset *places = gtk_bitset_new_empty ();

  g_return_val_if_fail (CM_IS_MAP (self), places);

  selected = _cm_map_current_selection (self);
  for (guint i = 0; i < selected->len; i++)
    gtk_bitset_add (places, g_array_index (selected, guint, i));
  return places;
}

void
cm_map_set_selection (CmMap     *self,
                      GtkBitset *places)
{
  g_autoptr(GArray) selection = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkBitsetIter iter;
  guint n, place;

  g_return_if_fail (CM_IS_MAP (self));

  n = cm_map_painter_get_n_places (self->painter);
  if (places != NULL)
    for (gboolean ok = gtk_bitset_iter_init_first (&iter, places, &place); ok && place < n;
         ok = gtk_bitset_iter_next (&iter, &place))
      g_array_append_val (selection, place);
  _cm_map_set_selection (self, selection);
}

void
cm_map_click_at (CmMap    *self,
                 double    x,
                 double    y,
                 gboolean  extend)
{
  g_autoptr(GArray) selection = NULL;
  CmMapHit hit;

  g_return_if_fail (CM_IS_MAP (self));

  if (!cm_map_painter_hit_test (self->painter, x, y, &hit))
    {
      if (!extend)
        {
          selection = g_array_new (FALSE, FALSE, sizeof (guint));
          _cm_map_set_selection (self, selection);
        }
      return;
    }

  /* A cluster opens: zoom until it splits, about where it was clicked.
   * With a modifier its places join the selection instead. */
  if (hit.kind == CM_MAP_HIT_CLUSTER && !extend)
    {
      CmMapView v;

      cm_map_painter_get_view (self->painter, &v);
      _cm_map_moving (self);
      cm_map_painter_zoom_about (self->painter, cm_map_painter_get_split_scale (self->painter, &hit) / v.scale,
                                 x, y);
      _cm_map_view_changed (self);
      _cm_map_update_hover (self);
      return;
    }

  selection = extend ? _cm_map_current_selection (self) : g_array_new (FALSE, FALSE, sizeof (guint));
  {
    g_autoptr(GArray) hit_places = cm_map_painter_get_hit_places (self->painter, &hit);

    for (guint i = 0; i < hit_places->len; i++)
      {
        guint p = g_array_index (hit_places, guint, i);
        gboolean present = FALSE;

        for (guint k = 0; k < selection->len; k++)
          if (g_array_index (selection, guint, k) == p)
            {
              /* Extending a selection with a selected place toggles it. */
              if (hit.kind == CM_MAP_HIT_PLACE)
                g_array_remove_index_fast (selection, k);
              present = TRUE;
              break;
            }
        if (!present)
          g_array_append_val (selection, p);
      }
  }
  _cm_map_set_selection (self, selection);
}

void
cm_map_select_in_rect (CmMap    *self,
                       double    x0,
                       double    y0,
                       double    x1,
                       double    y1,
                       gboolean  extend)
{
  CmMapBox box = { MIN (x0, x1), MIN (y0, y1), MAX (x0, x1), MAX (y0, y1) };
  g_autoptr(GArray) inside = NULL;
  g_autoptr(GArray) selection = NULL;

  g_return_if_fail (CM_IS_MAP (self));

  inside = cm_map_painter_get_places_in_box (self->painter, &box);
  selection = extend ? _cm_map_current_selection (self) : g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (selection, inside->data, inside->len);
  _cm_map_set_selection (self, selection);
}

char *
cm_map_describe_at (CmMap  *self,
                    double  x,
                    double  y)
{
  CmMapHit hit;
  g_autofree char *name = NULL;
  g_autofree char *zh = NULL;
  g_autofree char *names = NULL;

  g_return_val_if_fail (CM_IS_MAP (self), NULL);

  if (!cm_map_painter_hit_test (self->painter, x, y, &hit))
    return NULL;
  /* A tooltip with line breaks is not wrapped, and names as long as a
   * book would make it wider than GTK can draw. */
  name = cm_text_shorten (cm_map_painter_get_place_name (self->painter, hit.place, CM_LABEL_LANGUAGE_ENGLISH), 60);
  zh = cm_text_shorten (cm_map_painter_get_place_name (self->painter, hit.place, CM_LABEL_LANGUAGE_LOCAL), 40);
  if (name == NULL)
    name = cm_text_shorten (cm_map_painter_get_place_id (self->painter, hit.place), 60);
  if (name == NULL)
    name = g_strdup ("?");
  if (zh != NULL && g_strcmp0 (zh, name) != 0)
    names = g_markup_printf_escaped ("<b>%s</b> %s", name, zh);
  else
    names = g_markup_printf_escaped ("<b>%s</b>", name);

  if (hit.kind == CM_MAP_HIT_CLUSTER)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more place", "%s and %u more places",
                                                            hit.n_places - 1),
                                               names, hit.n_places - 1);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u announcement", "%u announcements", hit.count),
                                                hit.count);
      return g_strdup_printf ("%s\n%s\n<small>%s</small>", more, count, _("Click to zoom in"));
    }
  if (self->place_text != NULL)
    {
      g_autofree char *text = self->place_text (hit.place, self->place_text_data);
      g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

      if (escaped != NULL)
        return g_strdup_printf ("%s\n%s", names, escaped);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%u announcement", "%s\n%u announcements", hit.count),
                          names, hit.count);
}

void
cm_map_set_place_text_func (CmMap              *self,
                            CmMapPlaceTextFunc  func,
                            gpointer            user_data,
                            GDestroyNotify      destroy)
{
  g_return_if_fail (CM_IS_MAP (self));

  if (self->place_text_destroy != NULL)
    self->place_text_destroy (self->place_text_data);
  self->place_text = func;
  self->place_text_data = user_data;
  self->place_text_destroy = destroy;
}
