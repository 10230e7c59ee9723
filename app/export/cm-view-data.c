/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "cm-map-events.h"
#include "cm-memory.h"
#include "cm-view-data.h"

static CmMarkKind
mark_kind (const CmAnnouncement *a)
{
  if (a->end_precision != 0)
    return CM_MARK_SPAN;
  if (a->precision >= CM_PRECISION_DAY)
    return CM_MARK_POINT;
  return CM_MARK_BAND;
}

void
cm_view_data_category_palette (CmDataset   *dataset,
                               guint        max,
                               CmRgba     **palette,
                               const char ***labels,
                               guint       *n)
{
  guint nc = cm_dataset_get_n_categories (dataset);

  g_assert (max >= 1);
  *n = MAX (nc, 1);
  *palette = g_new0 (CmRgba, *n);
  *labels = g_new0 (const char *, *n + 1);
  for (guint i = 0; i < nc; i++)
    {
      const CmCategory *c = cm_dataset_get_category (dataset, i);
      cm_rgba_from_rgb24 (&(*palette)[i], c->color);
      (*labels)[i] = c->label;
    }
  if (nc == 0)
    {
      cm_rgba_from_rgb24 (&(*palette)[0], 0x0072B2);
      (*labels)[0] = _("Announcements");
    }
  if (*n > max)
    {
      *n = max;
      cm_rgba_from_rgb24 (&(*palette)[max - 1], 0x999999);
      (*labels)[max - 1] = _("Other categories");
      (*labels)[max] = NULL;
    }
}

CmTimelineIndex *
cm_view_data_timeline_index (CmDataset    *dataset,
                             CmLaneMode    lanes,
                             const guint8 *flags)
{
  guint n = cm_dataset_get_n_announcements (dataset);
  guint n_places = cm_dataset_get_n_places (dataset);
  g_autofree gint64 *start = cm_new_big (gint64, n);
  g_autofree gint64 *end = cm_new_big (gint64, n);
  g_autofree guint8 *kind = cm_new_big (guint8, n);
  g_autofree guint16 *lane = cm_new_big (guint16, n);
  g_autofree guint16 *color = cm_new_big (guint16, n);
  g_autofree CmRgba *palette = NULL;
  g_autofree const char **color_labels = NULL;
  g_autofree const char **lane_labels = NULL;
  g_autofree char *no_place = NULL;
  g_autofree guint16 *place_lane = NULL;   /* by place: each place's lane */
  guint16 no_place_lane = 0;
  guint n_colors, n_lanes = 1;
  CmTimelineData data = { 0 };

  /* Colours and lanes are 16-bit. */
  cm_view_data_category_palette (dataset, G_MAXUINT16, &palette, &color_labels, &n_colors);

  switch (lanes)
    {
    case CM_LANES_BY_CATEGORY:
      n_lanes = n_colors;
      lane_labels = g_memdup2 (color_labels, sizeof (char *) * (n_lanes + 1));
      break;
    case CM_LANES_BY_PLACE:
      {
        /* One lane per place that has announcements, in the dataset's
         * order, and a last one for announcements without a place if
         * any: a province listed only as the parent of its cities has
         * nothing to show in a lane of its own. */
        gboolean unplaced = FALSE;
        guint used = 0;

        place_lane = g_new (guint16, MAX (n_places, 1));
        for (guint p = 0; p < n_places; p++)
          place_lane[p] = G_MAXUINT16;
        for (guint i = 0; i < n; i++)
          {
            const CmAnnouncement *a = cm_dataset_get_announcement (dataset, i);

            if (a->place >= 0 && (guint) a->place < n_places)
              place_lane[a->place] = 0;
            else
              unplaced = TRUE;
          }
        lane_labels = g_new0 (const char *, MIN (n_places + 1, G_MAXUINT16) + 1);
        for (guint p = 0; p < n_places; p++)
          {
            if (place_lane[p] == G_MAXUINT16)
              continue;
            /* Past 65,534 places the last lane takes the rest too. */
            if (used + 1 >= G_MAXUINT16)
              {
                place_lane[p] = used;
                unplaced = TRUE;
                continue;
              }
            place_lane[p] = (guint16) used;
            lane_labels[used++] = cm_dataset_get_place (dataset, p)->name;
          }
        n_lanes = MAX (used + (unplaced ? 1 : 0), 1);
        no_place_lane = (guint16) (n_lanes - 1);
        if (unplaced)
          lane_labels[no_place_lane] = no_place = g_strdup (used + 1 >= G_MAXUINT16 ? _("Other places, or none") : _("No place"));
        else if (used == 0)
          lane_labels[0] = "";
      }
      break;
    case CM_LANES_SINGLE:
    default:
      lane_labels = g_new0 (const char *, 2);
      lane_labels[0] = "";
      break;
    }

  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (dataset, i);

      start[i] = a->start;
      end[i] = a->end;
      kind[i] = mark_kind (a);
      color[i] = a->category >= 0 ? (guint16) MIN ((guint) a->category, n_colors - 1) : 0;
      switch (lanes)
        {
        case CM_LANES_BY_CATEGORY:
          lane[i] = color[i];
          break;
        case CM_LANES_BY_PLACE:
          lane[i] = a->place >= 0 && (guint) a->place < n_places ? place_lane[a->place] : no_place_lane;
          break;
        case CM_LANES_SINGLE:
        default:
          lane[i] = 0;
          break;
        }
    }

  /* The index takes the arrays: no second copy of them. */
  data.n_marks = n;
  data.start = g_steal_pointer (&start);
  data.end = g_steal_pointer (&end);
  data.kind = g_steal_pointer (&kind);
  data.lane = g_steal_pointer (&lane);
  data.color = g_steal_pointer (&color);
  data.flags = flags;
  data.n_lanes = n_lanes;
  data.lane_labels = lane_labels;
  data.n_colors = n_colors;
  data.palette = palette;
  data.color_labels = color_labels;
  return cm_timeline_index_new_take (&data);
}

/* Regions are shaded lightly, so that markers on top stay readable. */
static double
region_alpha (gboolean dark)
{
  return dark ? 0.45 : 0.35;
}

CmMapData *
cm_map_data_new (CmDataset *dataset,
                 CmBasemap *basemap,
                 gboolean   dark)
{
  CmMapData *d = g_new0 (CmMapData, 1);
  guint n_places = cm_dataset_get_n_places (dataset);
  guint n = cm_dataset_get_n_announcements (dataset);
  const guint32 *order = cm_dataset_get_time_order (dataset);
  const gint64 *spans = cm_dataset_get_time_order_spans (dataset);
  g_autofree gint32 *place_of = cm_new_big (gint32, n);
  g_autofree gint32 *category_of = cm_new_big (gint32, n);
  g_autofree gint32 *region_of = cm_new_big (gint32, n_places);
  g_autofree gint64 *first_time = cm_new_big (gint64, n_places);
  g_autofree guint32 *first_category = cm_new_big (guint32, n_places);

  d->n_places = n_places;
  d->lon = cm_new_big (double, n_places);
  d->lat = cm_new_big (double, n_places);
  d->ids = g_new0 (const char *, MAX (n_places, 1));
  d->names = g_new0 (const char *, MAX (n_places, 1));
  d->local_names = g_new0 (const char *, MAX (n_places, 1));
  d->times = cm_new_big (gint64, n);
  d->ends = cm_new_big (gint64, n);
  d->places = cm_new_big (guint32, n);
  d->categories = cm_new_big (guint8, n);
  d->announcements = cm_new_big (guint32, n);
  d->region_ids = g_ptr_array_new ();
  d->region_colors = g_array_new (FALSE, FALSE, sizeof (CmRgba));
  d->unmatched = g_ptr_array_new ();
  d->place_regions = g_new0 (const char *, MAX (n_places, 1));
  cm_view_data_category_palette (dataset, CM_MAP_MAX_CATEGORIES, &d->palette, &d->labels, &d->n_categories);

  for (guint i = 0; i < n_places; i++)
    {
      const CmPlace *p = cm_dataset_get_place (dataset, i);
      gboolean area = p->kind == CM_PLACE_COUNTRY || p->kind == CM_PLACE_PROVINCE;

      /* Areas get no marker (NaN: the painter skips them); their
       * announcements shade their region instead. */
      d->lon[i] = p->coords != CM_COORDS_NONE && !area ? p->lon : NAN;
      d->lat[i] = p->coords != CM_COORDS_NONE && !area ? p->lat : NAN;
      d->ids[i] = p->id;
      d->names[i] = p->name;
      d->local_names[i] = p->local_name;
      region_of[i] = -1;
      first_time[i] = G_MAXINT64;
      first_category[i] = 0;
      if (area && basemap != NULL)
        region_of[i] = cm_basemap_find_region_by_name (basemap, p->name, p->local_name,
                                                      p->kind == CM_PLACE_COUNTRY);
      if (region_of[i] >= 0)
        d->place_regions[i] = cm_basemap_get_region (basemap, region_of[i])->id;
    }

  /* Each announcement's place and category, copied out in one pass: read
   * in time order from the announcements themselves, every one was a
   * cache miss. */
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (dataset, i);

      place_of[i] = a->place;
      category_of[i] = a->category;
    }

  /* Events in time order, so the painter needs no sort; each is its
   * announcement's whole period, which the map counts where it overlaps
   * the time range, as the list does (cm-time-filter.h). A place's first
   * date is its earliest start. */
  for (guint k = 0; k < n; k++)
    {
      gint32 place = place_of[order[k]];
      gint32 category_or_none = category_of[order[k]];
      guint category = category_or_none >= 0 ? (guint) category_or_none : 0;

      if (place < 0)
        {
          d->n_unplaced++;
          continue;
        }
      if (first_time[place] == G_MAXINT64)
        {
          first_time[place] = spans[2 * k];
          first_category[place] = category;
        }
      /* An area's events drive its shading; other places without a
       * point have nothing to show them. */
      if (isnan (d->lon[place]) && region_of[place] < 0)
        {
          d->n_unplaced++;
          continue;
        }
      d->times[d->n_events] = spans[2 * k];
      d->ends[d->n_events] = spans[2 * k + 1];
      d->places[d->n_events] = place;
      d->categories[d->n_events] = (guint8) MIN (category, CM_MAP_MAX_CATEGORIES - 1);
      d->uncategorised |= category_or_none < 0;
      d->announcements[d->n_events] = order[k];
      d->n_events++;
    }
  /* As cm_map_painter_set_event_spans() would bucket them, here on the
   * thread that builds the data rather than on the one that draws. */
  d->events = cm_map_events_new_spans (n_places, d->n_categories, d->n_events, d->times, d->ends, d->places,
                                       d->categories);

  for (guint i = 0; i < n_places; i++)
    {
      const CmPlace *p = cm_dataset_get_place (dataset, i);
      CmRgba color;

      /* Only areas with announcements matter: a parent province alone is
       * not worth a warning. */
      if (first_time[i] == G_MAXINT64 || (p->kind != CM_PLACE_COUNTRY && p->kind != CM_PLACE_PROVINCE))
        continue;
      if (region_of[i] < 0)
        {
          if (basemap != NULL)
            g_ptr_array_add (d->unmatched, (gpointer) p->name);
          continue;
        }
      /* Shaded lightly in the colour of its first announcement's category,
       * so markers on top stay readable. */
      color = d->palette[MIN (first_category[i], d->n_categories - 1)];
      color.a = region_alpha (dark);
      g_ptr_array_add (d->region_ids, (gpointer) cm_basemap_get_region (basemap, region_of[i])->id);
      g_array_append_val (d->region_colors, color);
    }
  return d;
}

void
cm_map_data_free (CmMapData *d)
{
  if (d == NULL)
    return;
  g_free (d->lon);
  g_free (d->lat);
  g_free (d->ids);
  g_free (d->names);
  g_free (d->local_names);
  g_free (d->place_regions);
  g_free (d->times);
  g_free (d->ends);
  g_free (d->places);
  g_free (d->categories);
  g_free (d->announcements);
  g_clear_pointer (&d->events, cm_map_events_free);
  g_free (d->palette);
  g_free (d->labels);
  g_ptr_array_unref (d->region_ids);
  g_array_unref (d->region_colors);
  g_ptr_array_unref (d->unmatched);
  g_free (d);
}

void
cm_map_data_apply (CmMapData    *d,
                   CmMapPainter *painter)
{
  cm_map_painter_set_places (painter, d->n_places, d->lon, d->lat, d->ids, d->names, d->local_names);
  cm_map_painter_set_place_regions (painter, d->n_places, d->place_regions);
  cm_map_painter_set_categories (painter, d->n_categories, d->palette, d->labels);
  if (d->events != NULL)
    cm_map_painter_take_events (painter, g_steal_pointer (&d->events));
  else
    cm_map_painter_set_event_spans (painter, d->n_events, d->times, d->ends, d->places, d->categories,
                                    d->n_categories);
  cm_map_data_apply_region_colors (d, painter);
}

void
cm_map_data_apply_region_colors (CmMapData    *d,
                                 CmMapPainter *painter)
{
  cm_map_painter_set_region_colors (painter, d->region_ids->len, (const char * const *) d->region_ids->pdata,
                                    (const CmRgba *) d->region_colors->data);
}

void
cm_map_data_set_dark (CmMapData *d,
                      gboolean   dark)
{
  for (guint i = 0; i < d->region_colors->len; i++)
    g_array_index (d->region_colors, CmRgba, i).a = region_alpha (dark);
}

char *
cm_view_data_default_basemap_path (void)
{
  const char *env = g_getenv ("CHRONOMAP_DATADIR");
  const char *dirs[] = { env, CM_DATADIR, CM_SOURCE_DATADIR };

  /* The world map, which draws data in China on the China map; the China
   * map alone where the world map is not installed. */
  const char *names[] = { "world.geojson", "china.geojson" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
      {
        g_autofree char *path = NULL;

        if (dirs[i] == NULL)
          continue;
        path = g_build_filename (dirs[i], "basemap", names[n], NULL);
        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return g_steal_pointer (&path);
      }
  return NULL;
}

#define PARALLEL_MIN_ANNOUNCEMENTS 250000

typedef struct
{
  CmDataset       *dataset;
  CmLaneMode       lanes;
  CmAdoptionMode   adoption_mode;
  CmTimelineIndex *index;
  CmAdoptionData  *adoption;
} IndexJob;

/* The adoption curve walks the time order, which the other thread sorts
 * meanwhile: by then it mostly has. */
static gpointer
build_index (gpointer data)
{
  IndexJob *job = data;

  job->index = cm_view_data_timeline_index (job->dataset, job->lanes, NULL);
  if (job->adoption_mode != CM_ADOPTION_HIDDEN)
    job->adoption = cm_adoption_data_new (job->dataset, NULL, job->adoption_mode == CM_ADOPTION_BY_CATEGORY);
  return NULL;
}

void
cm_view_data_build (CmDataset        *dataset,
                    CmLaneMode        lanes,
                    CmBasemap        *basemap,
                    gboolean          dark,
                    CmAdoptionMode    adoption_mode,
                    CmTimelineIndex **index,
                    CmMapData       **map_data,
                    CmAdoptionData  **adoption)
{
  IndexJob job = { dataset, lanes, adoption_mode, NULL, NULL };
  GThread *thread = NULL;

  g_return_if_fail (CM_IS_DATASET (dataset));
  g_return_if_fail (index != NULL && map_data != NULL);
  g_return_if_fail (adoption != NULL || adoption_mode == CM_ADOPTION_HIDDEN);

  /* Below this the index keeps both cores busy by itself (measured: no
   * gain at 100k announcements, 0.1 s of 1.9 at a million). */
  if (cm_dataset_get_n_announcements (dataset) >= PARALLEL_MIN_ANNOUNCEMENTS)
    thread = g_thread_try_new ("cm-view-data", build_index, &job, NULL);
  cm_dataset_get_time_order (dataset);
  *map_data = basemap != NULL ? cm_map_data_new (dataset, basemap, dark) : NULL;
  if (thread != NULL)
    g_thread_join (thread);
  else
    build_index (&job);
  *index = job.index;
  if (adoption != NULL)
    *adoption = job.adoption;
}

char *
cm_view_data_mark_title (guint    mark,
                         gpointer dataset)
{
  g_return_val_if_fail (CM_IS_DATASET (dataset), NULL);

  if (mark >= cm_dataset_get_n_announcements (dataset))
    return NULL;
  return cm_dataset_dup_text (dataset, cm_dataset_get_announcement (dataset, mark)->title);
}
