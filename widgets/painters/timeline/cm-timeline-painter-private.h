/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "cm-timeline-painter.h"

G_BEGIN_DECLS

/* Sizes in logical pixels; the layout (cm-timeline-layout.c) and the
 * drawing (cm-timeline-painter.c) must agree on them. */
#define CM_TL_MARGIN          8.0
#define CM_TL_POINT_RADIUS    3.5
#define CM_TL_ROW_HEIGHT      10.0
#define CM_TL_ROW_GAP         1.5
#define CM_TL_LANE_PAD        4.0
#define CM_TL_MIN_LANE_HEIGHT 24.0
#define CM_TL_MAX_LANE_HEIGHT 120.0
#define CM_TL_MIN_BIN_PX      3.0
#define CM_TL_STRIP_HEIGHT    5.0
#define CM_TL_TICK_SPACING    36.0
/* Fitted lanes: a histogram lane takes what the others leave, within
 * these; past CM_TL_MAX_FITTED_LANES lanes all are the same height. */
#define CM_TL_MIN_BINNED_HEIGHT 48.0
#define CM_TL_MAX_BINNED_HEIGHT 240.0
#define CM_TL_MAX_FITTED_LANES  256
/* Marks get labels when at most this many are drawn in the frame. */
#define CM_TL_MAX_LABELLED      30
#define CM_TL_LABEL_MAX_WIDTH   150.0
#define CM_TL_LABEL_GAP         4.0

typedef struct
{
  guint32 mark;
  float   x0;          /* extent used for stacking and hit testing */
  float   x1;
  float   cx;          /* where a point is drawn */
  float   bx0;         /* the mark's own [start, end) in pixels */
  float   bx1;
  float   label_x;     /* the label's box, beside the mark */
  float   label_w;     /* 0: no label */
  guint8  row;
  guint8  kind;
  guint16 color;
  gboolean dimmed;
} CmTlItem;

typedef struct
{
  guint16  color;
  gboolean dimmed;
  gboolean spanning;   /* longer than a bin: drawn in the density strip */
  guint    first;      /* offset of this series' counts in frame->counts */
} CmTlSeries;

typedef struct
{
  guint          lane;
  CmTimelineRect rect;
  gboolean       aggregated;
  guint          first_item;
  guint          n_items;
  guint          n_rows;
  double         row_height;     /* taller when the marks carry labels */
  guint          first_series;
  guint          n_series;
  guint          max_total;      /* tallest bin of the histogram */
  guint          max_spanning;   /* densest column of the strip */
} CmTlLane;

typedef struct
{
  /* What the frame was laid out for. */
  CmTimelineIndex *index;
  double           t0, t1, width, height, lane_scroll;
  gboolean         show_legend;
  gboolean         whole_lanes;
  gboolean         valid;

  CmTimelineRect   axis;
  CmTimelineRect   plot;
  CmTimelineRect   legend;
  double           gutter_x;
  double           lane_height;  /* the share of one lane, before fitting */
  double           content_height;
  guint            lanes_left_out; /* whole lanes only: those below the plot */
  gboolean         labelled;     /* the marks drawn one by one carry labels */
  double           pps;          /* pixels per second */

  CmTimeTicks     *ticks;

  CmTimeStep       bin_step;
  GArray          *bin_edges;    /* gint64, n_bins + 1 */
  GArray          *bin_x;        /* double, n_bins + 1 */

  GArray          *lanes;        /* CmTlLane, visible lanes only */
  GArray          *items;        /* CmTlItem */
  GArray          *series;       /* CmTlSeries */
  GArray          *counts;       /* guint, n_bins per series */
} CmTlFrame;

struct _CmTimelinePainter
{
  CmTimelineIndex  *index;
  CmPaintStyle      style;
  CmTimeLocale     *locale;

  PangoContext     *pango;
  PangoLayout      *layout;
  PangoFontDescription *font;
  PangoFontDescription *bold_font;
  GHashTable       *widths;      /* label -> width, for the tick search */
  double            line_height;

  CmTimelineLabelFunc label_func;
  gpointer          label_data;
  GDestroyNotify    label_destroy;

  CmTlFrame         frame;
};

typedef enum
{
  CM_TL_ALIGN_LEFT,
  CM_TL_ALIGN_CENTRE,
  CM_TL_ALIGN_RIGHT,
} CmTlAlign;

void     _cm_tl_frame_init       (CmTlFrame               *frame);
void     _cm_tl_frame_clear      (CmTlFrame               *frame);
void     _cm_tl_layout           (CmTimelinePainter       *self,
                                  const CmTimelineView    *view);
double   _cm_tl_measure          (const char              *text,
                                  gpointer                 user_data);
guint    _cm_tl_frame_n_bins     (const CmTlFrame         *frame);
double   _cm_tl_time_to_x        (const CmTlFrame         *frame,
                                  double                   t);

/* Drawing helpers shared by cm-timeline-painter.c, -marks.c and -hit.c. */
void                  _cm_tl_rounded_rect       (cairo_t *cr,
                                                 double   x,
                                                 double   y,
                                                 double   w,
                                                 double   h,
                                                 double   r);
void                  _cm_tl_draw_text          (CmTimelinePainter *self,
                                                 cairo_t           *cr,
                                                 const char        *text,
                                                 double             x,
                                                 double             y,
                                                 gboolean           bold,
                                                 const CmRgba      *color,
                                                 double             max_width,
                                                 CmTlAlign          align);
const CmRgba         *_cm_tl_mark_color        (CmTimelinePainter *self,
                                                 guint              color,
                                                 gboolean           dimmed);
double                _cm_tl_row_centre         (const CmTlLane *lane,
                                                 guint           row);
void                  _cm_tl_draw_shape         (CmTimelinePainter *self,
                                                 cairo_t           *cr,
                                                 CmMarkKind         kind,
                                                 double             x0,
                                                 double             x1,
                                                 double             cx,
                                                 double             bx0,
                                                 double             bx1,
                                                 double             cy,
                                                 const CmRgba      *c,
                                                 double             alpha);
void                  _cm_tl_draw_lanes         (CmTimelinePainter    *self,
                                                 cairo_t              *cr,
                                                 const CmTimelineView *view);
void                  _cm_tl_draw_highlights    (CmTimelinePainter    *self,
                                                 cairo_t              *cr,
                                                 const CmTimelineView *view);
const CmTlItem       *_cm_tl_find_item          (const CmTlFrame  *f,
                                                 guint             mark,
                                                 const CmTlLane  **lane_out);
guint                 _cm_tl_bin_at_x           (const CmTlFrame *f,
                                                 double           x);
/* The vertical scale of a histogram lane: its floor, its top and the
 * pixels per announcement. */
void                  _cm_tl_bin_scale          (const CmTlLane *lane,
                                                 double         *floor_y,
                                                 double         *top,
                                                 double         *scale);
/* The step of the count axis of a histogram lane (0: none). */
guint                 _cm_tl_count_step         (CmTimelinePainter *self,
                                                 const CmTlLane    *lane);
char                 *_cm_tl_mark_label         (CmTimelinePainter *self,
                                                 guint              mark);
gboolean              _cm_tl_lane_is_aggregated (const CmTlFrame *f,
                                                 guint            lane,
                                                 const CmTlLane **out);

G_END_DECLS
