/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-painter"

#include "cm-enums.h"

G_DEFINE_ENUM_TYPE (CmLaneMode, cm_lane_mode,
  G_DEFINE_ENUM_VALUE (CM_LANES_BY_CATEGORY, "by-category"),
  G_DEFINE_ENUM_VALUE (CM_LANES_BY_PLACE, "by-place"),
  G_DEFINE_ENUM_VALUE (CM_LANES_SINGLE, "single"))

G_DEFINE_ENUM_TYPE (CmMapColor, cm_map_color,
  G_DEFINE_ENUM_VALUE (CM_MAP_COLOR_BY_CATEGORY, "category"),
  G_DEFINE_ENUM_VALUE (CM_MAP_COLOR_BY_FIRST_DATE, "first-date"))

G_DEFINE_ENUM_TYPE (CmLabelLanguage, cm_label_language,
  G_DEFINE_ENUM_VALUE (CM_LABEL_LANGUAGE_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (CM_LABEL_LANGUAGE_ENGLISH, "english"),
  G_DEFINE_ENUM_VALUE (CM_LABEL_LANGUAGE_LOCAL, "local"))

G_DEFINE_ENUM_TYPE (CmAdoptionMode, cm_adoption_mode,
  G_DEFINE_ENUM_VALUE (CM_ADOPTION_HIDDEN, "hidden"),
  G_DEFINE_ENUM_VALUE (CM_ADOPTION_PLACES, "places"),
  G_DEFINE_ENUM_VALUE (CM_ADOPTION_BY_CATEGORY, "by-category"))

G_DEFINE_ENUM_TYPE (CmMapProjection, cm_map_projection,
  G_DEFINE_ENUM_VALUE (CM_MAP_PROJECTION_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (CM_MAP_PROJECTION_ALBERS, "albers"),
  G_DEFINE_ENUM_VALUE (CM_MAP_PROJECTION_EQUAL_EARTH, "equal-earth"),
  G_DEFINE_ENUM_VALUE (CM_MAP_PROJECTION_MERCATOR, "mercator"))

/**
 * cm_label_language_resolve:
 * @language: a label language
 *
 * Turns %CM_LABEL_LANGUAGE_AUTO into english or local from the desktop's
 * language: local for a Chinese one, since the local names the datasets
 * carry are Chinese and the timeline's local dates are. Other values are
 * returned as they are.
 *
 * Returns: %CM_LABEL_LANGUAGE_ENGLISH or %CM_LABEL_LANGUAGE_LOCAL
 */
CmLabelLanguage
cm_label_language_resolve (CmLabelLanguage language)
{
  const char * const *names;

  if (language == CM_LABEL_LANGUAGE_ENGLISH || language == CM_LABEL_LANGUAGE_LOCAL)
    return language;
  names = g_get_language_names ();
  return names[0] != NULL && g_str_has_prefix (names[0], "zh") ? CM_LABEL_LANGUAGE_LOCAL
                                                                : CM_LABEL_LANGUAGE_ENGLISH;
}
