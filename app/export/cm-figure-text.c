/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include "cm-date.h"
#include "cm-figure-text.h"
#include "cm-time-ticks.h"

static const CmFigureStrings english = {
  .announcements = "Announcements",
  .n_announcements = "%s announcements",
  .one_announcement = "1 announcement",
  .categories_of = "%u of %u categories",
  .search = "search “%s”",
  .places = "places: %s",
  .up_to = "up to %s",
  .empty = "No announcements from %s to %s",
  .sources = "Sources: ",
  .base_map = "Base map: ",
  .and_more = "and %u more",
  .places_announced = "Places that have announced",
  .separator = " · ",
  .list_separator = "; ",
};

static const CmFigureStrings chinese = {
  .announcements = "公告",
  .n_announcements = "%s 条公告",
  .one_announcement = "1 条公告",
  .categories_of = "%u/%u 个类别",
  .search = "搜索“%s”",
  .places = "地点：%s",
  .up_to = "截至%s",
  .empty = "%s至%s没有公告",
  .sources = "资料来源：",
  .base_map = "底图：",
  .and_more = "另有 %u 项",
  .places_announced = "已发布公告的地点",
  .separator = " · ",
  .list_separator = "；",
};

static const char *const month_abbr[12] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

const CmFigureStrings *
cm_figure_strings (gboolean zh)
{
  return zh ? &chinese : &english;
}

typedef struct
{
  int year, month, day, hour, minute, second;
} Civil;

static void
civil (gint64  t,
       Civil  *c)
{
  cm_time_to_civil (t, &c->year, &c->month, &c->day, &c->hour, &c->minute, &c->second);
}

static gboolean
in_calendar (gint64 t)
{
  return t >= CM_DATE_CE_MIN && t < CM_DATE_CE_MAX;
}

static char *
day_text (const Civil *c,
          gboolean     with_year,
          gboolean     zh)
{
  if (zh)
    return with_year ? g_strdup_printf ("%d年%d月%d日", c->year, c->month, c->day)
                     : g_strdup_printf ("%d月%d日", c->month, c->day);
  return with_year ? g_strdup_printf ("%d %s %d", c->day, month_abbr[c->month - 1], c->year)
                   : g_strdup_printf ("%d %s", c->day, month_abbr[c->month - 1]);
}

char *
cm_figure_format_day (gint64   t,
                      gboolean zh)
{
  Civil c;

  if (!in_calendar (t))
    return cm_date_format (t, CM_PRECISION_YEAR);
  civil (t, &c);
  return day_text (&c, TRUE, zh);
}

char *
cm_figure_format_period (gint64   from,
                         gint64   to,
                         gboolean zh)
{
  const char *dash = zh ? "–" : " – ";
  Civil a, b;
  gboolean whole_days, whole_months, whole_years;

  if (!in_calendar (from) || !in_calendar (to - 1) || to <= from)
    {
      g_autofree char *x = cm_date_format (from, CM_PRECISION_YEAR);
      g_autofree char *y = cm_date_format (to - 1, CM_PRECISION_YEAR);

      return g_strcmp0 (x, y) == 0 ? g_steal_pointer (&x) : g_strconcat (x, dash, y, NULL);
    }
  civil (from, &a);
  civil (to, &b);
  whole_days = a.hour == 0 && a.minute == 0 && a.second == 0 && b.hour == 0 && b.minute == 0 && b.second == 0;
  whole_months = whole_days && a.day == 1 && b.day == 1;
  whole_years = whole_months && a.month == 1 && b.month == 1;
  /* The last day, month or year shown, inclusive. */
  civil (to - 1, &b);

  if (whole_years)
    {
      if (a.year == b.year)
        return g_strdup_printf (zh ? "%d年" : "%d", a.year);
      return zh ? g_strdup_printf ("%d年–%d年", a.year, b.year) : g_strdup_printf ("%d – %d", a.year, b.year);
    }
  if (whole_months)
    {
      if (a.year == b.year && a.month == b.month)
        return zh ? g_strdup_printf ("%d年%d月", a.year, a.month)
                  : g_strdup_printf ("%s %d", month_abbr[a.month - 1], a.year);
      if (a.year == b.year)
        return zh ? g_strdup_printf ("%d年%d月–%d月", a.year, a.month, b.month)
                  : g_strdup_printf ("%s – %s %d", month_abbr[a.month - 1], month_abbr[b.month - 1], a.year);
      return zh ? g_strdup_printf ("%d年%d月–%d年%d月", a.year, a.month, b.year, b.month)
                : g_strdup_printf ("%s %d – %s %d", month_abbr[a.month - 1], a.year,
                                   month_abbr[b.month - 1], b.year);
    }
  {
    g_autofree char *x = day_text (&a, a.year != b.year, zh);
    g_autofree char *y = day_text (&b, TRUE, zh);

    if (a.year == b.year && a.month == b.month && a.day == b.day)
      return g_steal_pointer (&y);
    return g_strconcat (x, dash, y, NULL);
  }
}
