/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-adoption"

#include <math.h>

#include <glib/gi18n.h>

#include "cm-adoption-chart.h"
#include "cm-widget-raster.h"

/*
 * CmAdoptionChart: the adoption curve under a timeline, on its axis. It
 * draws through CmAdoptionPainter into an image, as the timeline does, so
 * that the export draws the same pixels; it follows the timeline's
 * visible range, plot edges, brush and playhead through their properties.
 */

#define TOOLTIP_ITEMS 5
#define HOVER_RADIUS  4.0

struct _CmAdoptionChart
{
  GtkWidget            parent_instance;

  CmAdoptionPainter   *painter;
  CmAdoptionView       view;
  gboolean             dark;
  CmTimeline          *timeline;     /* weak */
  GSignalGroup        *timeline_signals;

  CmAdoptionLabelFunc  label_func;
  gpointer             label_data;
  GDestroyNotify       label_destroy;
};

G_DEFINE_FINAL_TYPE (CmAdoptionChart, cm_adoption_chart, GTK_TYPE_WIDGET)

static void
update_style (CmAdoptionChart *self)
{
  CmPaintStyle style;

  cm_widget_paint_style (GTK_WIDGET (self), self->dark, &style);
  cm_adoption_painter_set_style (self->painter, &style);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The axis: the timeline's, or the items' own extent. */
static void
update_view (CmAdoptionChart *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  CmAdoptionView view;
  gint64 first = G_MAXINT64, last = G_MININT64;

  cm_adoption_view_init (&view, width, height);
  view.hover_time = self->view.hover_time;
  if (self->timeline != NULL)
    {
      cm_timeline_get_visible_range (self->timeline, &view.t0, &view.t1);
      cm_timeline_get_plot_edges (self->timeline, &view.x0, &view.x1);
      view.has_brush = cm_timeline_get_has_brush (self->timeline);
      view.brush_start = cm_timeline_get_brush_start (self->timeline);
      view.brush_end = cm_timeline_get_brush_end (self->timeline);
      view.has_playhead = cm_timeline_get_has_playhead (self->timeline);
      view.playhead = cm_timeline_get_playhead (self->timeline);
    }
  else
    {
      for (guint k = 0; k < cm_adoption_painter_get_n_series (self->painter); k++)
        {
          gint64 a, b;

          if (cm_adoption_curve_get_extent (cm_adoption_painter_get_curve (self->painter, k), &a, &b))
            {
              first = MIN (first, a);
              last = MAX (last, b);
            }
        }
      if (first < last)
        {
          double pad = (double) (last - first) * 0.03;

          view.t0 = (double) first - pad;
          view.t1 = (double) last + pad;
        }
    }
  if (!(view.x1 > view.x0))
    {
      view.x0 = 8;
      view.x1 = MAX (9, width - 8);
    }
  self->view = view;
}

static void
timeline_changed (CmAdoptionChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cm_adoption_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CmAdoptionChart *self = CM_ADOPTION_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  update_view (self);
  cr = cm_widget_raster_begin (width, height, gtk_widget_get_scale_factor (widget));
  cm_adoption_painter_paint (self->painter, cr, &self->view);
  cm_widget_raster_append (cr, snapshot, width, height);
}

static void
cm_adoption_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : 72;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 120;
}

static void
cm_adoption_chart_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cm_adoption_chart_parent_class)->css_changed (widget, change);
  update_style (CM_ADOPTION_CHART (widget));
}

char *
cm_adoption_chart_describe_at (CmAdoptionChart *self,
                               double           x)
{
  g_autoptr(GArray) items = NULL;
  g_autoptr(GString) text = NULL;
  guint total;

  g_return_val_if_fail (CM_IS_ADOPTION_CHART (self), NULL);

  update_view (self);
  if (x < self->view.x0 || x > self->view.x1 || self->label_func == NULL)
    return NULL;
  items = cm_adoption_painter_items_near (self->painter, &self->view, x, HOVER_RADIUS, TOOLTIP_ITEMS, &total);
  if (total == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *label = self->label_func (g_array_index (items, guint, i), self->label_data);

      if (label == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, label);
    }
  if (total > items->len)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (NULL, "and %u more", "and %u more", total - items->len),
                              total - items->len);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = NULL;

  if (keyboard_mode)
    return FALSE;
  text = cm_adoption_chart_describe_at (CM_ADOPTION_CHART (widget), x);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CmAdoptionChart          *self)
{
  double t = x >= self->view.x0 && x <= self->view.x1 ? cm_adoption_painter_x_to_time (&self->view, x) : NAN;

  if (isnan (t) && isnan (self->view.hover_time))
    return;
  self->view.hover_time = t;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CmAdoptionChart          *self)
{
  self->view.hover_time = NAN;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cm_adoption_chart_dispose (GObject *object)
{
  CmAdoptionChart *self = CM_ADOPTION_CHART (object);

  cm_adoption_chart_set_timeline (self, NULL);
  g_clear_object (&self->timeline_signals);
  cm_adoption_chart_set_label_func (self, NULL, NULL, NULL);
  G_OBJECT_CLASS (cm_adoption_chart_parent_class)->dispose (object);
}

static void
cm_adoption_chart_finalize (GObject *object)
{
  CmAdoptionChart *self = CM_ADOPTION_CHART (object);

  g_clear_pointer (&self->painter, cm_adoption_painter_free);
  G_OBJECT_CLASS (cm_adoption_chart_parent_class)->finalize (object);
}

static void
cm_adoption_chart_class_init (CmAdoptionChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_adoption_chart_dispose;
  object_class->finalize = cm_adoption_chart_finalize;
  widget_class->snapshot = cm_adoption_chart_snapshot;
  widget_class->measure = cm_adoption_chart_measure;
  widget_class->css_changed = cm_adoption_chart_css_changed;
  gtk_widget_class_set_css_name (widget_class, "adoptionchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cm_adoption_chart_init (CmAdoptionChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  static const char *const props[] = {
    "notify::visible-start", "notify::visible-end", "notify::plot-left", "notify::plot-right",
    "notify::has-brush", "notify::brush-start", "notify::brush-end", "notify::playhead",
  };

  self->painter = cm_adoption_painter_new ();
  cm_adoption_view_init (&self->view, 1, 1);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  self->timeline_signals = g_signal_group_new (CM_TYPE_TIMELINE);
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    g_signal_group_connect_swapped (self->timeline_signals, props[i], G_CALLBACK (timeline_changed), self);
  update_style (self);
}

GtkWidget *
cm_adoption_chart_new (void)
{
  return g_object_new (CM_TYPE_ADOPTION_CHART, NULL);
}

void
cm_adoption_chart_set_data (CmAdoptionChart *self,
                            guint            n,
                            const gint64    *starts,
                            const gint64    *ends,
                            const guint8    *series,
                            guint            n_series)
{
  g_return_if_fail (CM_IS_ADOPTION_CHART (self));
  cm_adoption_painter_set_data (self->painter, n, starts, ends, series, n_series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cm_adoption_chart_set_series (CmAdoptionChart    *self,
                              guint               n_series,
                              const CmRgba       *colors,
                              const char * const *labels)
{
  g_return_if_fail (CM_IS_ADOPTION_CHART (self));
  cm_adoption_painter_set_series (self->painter, n_series, colors, labels);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cm_adoption_chart_set_title (CmAdoptionChart *self,
                             const char      *title)
{
  g_return_if_fail (CM_IS_ADOPTION_CHART (self));
  cm_adoption_painter_set_title (self->painter, title);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cm_adoption_chart_set_label_func (CmAdoptionChart     *self,
                                  CmAdoptionLabelFunc  func,
                                  gpointer             user_data,
                                  GDestroyNotify       destroy)
{
  g_return_if_fail (CM_IS_ADOPTION_CHART (self));

  if (self->label_destroy != NULL)
    self->label_destroy (self->label_data);
  self->label_func = func;
  self->label_data = user_data;
  self->label_destroy = destroy;
}

void
cm_adoption_chart_set_language (CmAdoptionChart *self,
                                CmLabelLanguage  language)
{
  g_return_if_fail (CM_IS_ADOPTION_CHART (self));
  cm_adoption_painter_set_language (self->painter, language);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cm_adoption_chart_set_dark (CmAdoptionChart *self,
                            gboolean         dark)
{
  g_return_if_fail (CM_IS_ADOPTION_CHART (self));
  self->dark = dark;
  update_style (self);
}

void
cm_adoption_chart_set_timeline (CmAdoptionChart *self,
                                CmTimeline      *timeline)
{
  g_return_if_fail (CM_IS_ADOPTION_CHART (self));
  g_return_if_fail (timeline == NULL || CM_IS_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;
  g_set_weak_pointer (&self->timeline, timeline);
  if (self->timeline_signals != NULL)
    g_signal_group_set_target (self->timeline_signals, timeline);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CmAdoptionPainter *
cm_adoption_chart_get_painter (CmAdoptionChart *self)
{
  g_return_val_if_fail (CM_IS_ADOPTION_CHART (self), NULL);
  return self->painter;
}

void
cm_adoption_chart_get_view (CmAdoptionChart *self,
                            CmAdoptionView  *view)
{
  g_return_if_fail (CM_IS_ADOPTION_CHART (self));
  update_view (self);
  *view = self->view;
}
