/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The choices the settings, the window, the command line and the painters
 * share. The nicks are the GSettings schema's, so that a key binds to an
 * enum property and the command line takes what the settings hold. */

#define CM_TYPE_LANE_MODE (cm_lane_mode_get_type ())
#define CM_TYPE_MAP_COLOR (cm_map_color_get_type ())
#define CM_TYPE_LABEL_LANGUAGE (cm_label_language_get_type ())
#define CM_TYPE_MAP_PROJECTION (cm_map_projection_get_type ())
#define CM_TYPE_ADOPTION_MODE (cm_adoption_mode_get_type ())

/* How the timeline splits announcements into lanes. */
typedef enum
{
  CM_LANES_BY_CATEGORY,
  CM_LANES_BY_PLACE,
  CM_LANES_SINGLE,
} CmLaneMode;

/* What the colour of a place on the map shows. */
typedef enum
{
  CM_MAP_COLOR_BY_CATEGORY,     /* pie of categories, or the dominant one */
  CM_MAP_COLOR_BY_FIRST_DATE,   /* sequential ramp: the diffusion view */
} CmMapColor;

/* Which names the labels show: each place's name and English dates, or
 * its local name and Chinese dates; auto chooses from the locale. */
typedef enum
{
  CM_LABEL_LANGUAGE_AUTO,
  CM_LABEL_LANGUAGE_ENGLISH,
  CM_LABEL_LANGUAGE_LOCAL,
} CmLabelLanguage;

/* The adoption curve under the timeline: hidden, one curve of all the
 * places, or one per category. */
typedef enum
{
  CM_ADOPTION_HIDDEN,
  CM_ADOPTION_PLACES,
  CM_ADOPTION_BY_CATEGORY,
} CmAdoptionMode;

/* The map's projection: auto chooses from the data's extent (Albers for
 * a region, Equal Earth for the world); the others follow the data's
 * centre. */
typedef enum
{
  CM_MAP_PROJECTION_AUTO,
  CM_MAP_PROJECTION_ALBERS,
  CM_MAP_PROJECTION_EQUAL_EARTH,
  CM_MAP_PROJECTION_MERCATOR,
} CmMapProjection;

GType           cm_lane_mode_get_type      (void) G_GNUC_CONST;
GType           cm_map_color_get_type      (void) G_GNUC_CONST;
GType           cm_label_language_get_type (void) G_GNUC_CONST;
GType           cm_map_projection_get_type (void) G_GNUC_CONST;
GType           cm_adoption_mode_get_type  (void) G_GNUC_CONST;

CmLabelLanguage cm_label_language_resolve  (CmLabelLanguage language);

G_END_DECLS
