/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The words of a report figure in the figure's language: English, or
 * Chinese for the local language (the datasets' local names and the
 * timeline's local dates are Chinese). A table rather than gettext: the
 * figure's language is chosen per export, not by the process's locale. */
typedef struct
{
  const char *announcements;     /* the legend's heading */
  const char *n_announcements;   /* "%s announcements" */
  const char *one_announcement;
  const char *categories_of;     /* "%u of %u categories" */
  const char *search;            /* "search “%s”" */
  const char *places;            /* "places: %s" */
  const char *up_to;             /* "up to %s" */
  const char *empty;             /* "No announcements from %s to %s" */
  const char *sources;           /* "Sources: " */
  const char *base_map;          /* "Base map: " */
  const char *and_more;          /* "and %u more" */
  const char *places_announced;  /* the adoption curve's heading */
  const char *separator;         /* between parts of the subtitle */
  const char *list_separator;    /* between sources, places */
} CmFigureStrings;

const CmFigureStrings *cm_figure_strings        (gboolean  chinese);

/* The period [@from, @to) in words, as precise as its ends are: "2022",
 * "Jan – Dec 2022", "Nov 2021 – Mar 2022", "3 Jan – 5 Feb 2022"; in
 * Chinese "2022年", "2022年1月–12月". */
char                  *cm_figure_format_period  (gint64    from,
                                                 gint64    to,
                                                 gboolean  chinese);
/* One instant to the day: "14 Apr 2023", "2023年4月14日". */
char                  *cm_figure_format_day     (gint64    t,
                                                 gboolean  chinese);

G_END_DECLS
