/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-painter"

#include <stdlib.h>

#include "cm-adoption-curve.h"

/* The expectation is piecewise linear: each item adds a slope of
 * 1 / (end - start) over its interval. Breakpoints sorted by time hold
 * the value and the slope from there on. */
typedef struct
{
  gint64 time;
  double slope;     /* the change of slope here, then the slope after */
  double value;     /* the expectation at @time */
} Break;

struct _CmAdoptionCurve
{
  guint   n;
  gint64 *starts;   /* ascending */
  gint64 *ends;     /* ascending */
  Break  *breaks;
  guint   n_breaks;
};

static int
compare_time (const void *a,
              const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static int
compare_break (const void *a,
               const void *b)
{
  return compare_time (&((const Break *) a)->time, &((const Break *) b)->time);
}

CmAdoptionCurve *
cm_adoption_curve_new (guint         n,
                       const gint64 *starts,
                       const gint64 *ends)
{
  CmAdoptionCurve *self = g_new0 (CmAdoptionCurve, 1);
  guint m = 0;
  double slope = 0, value = 0;

  g_return_val_if_fail (n == 0 || (starts != NULL && ends != NULL), self);

  self->n = n;
  if (n == 0)
    return self;
  self->starts = g_memdup2 (starts, n * sizeof *starts);
  self->ends = g_new (gint64, n);
  self->breaks = g_new (Break, 2 * (gsize) n);
  for (guint i = 0; i < n; i++)
    {
      /* An empty or reversed interval is an instant. */
      gint64 end = MAX (ends[i], starts[i] + 1);
      double rate = 1.0 / (double) (end - starts[i]);

      self->ends[i] = end;
      self->breaks[2 * (gsize) i] = (Break) { starts[i], rate, 0 };
      self->breaks[2 * (gsize) i + 1] = (Break) { end, -rate, 0 };
    }
  qsort (self->starts, n, sizeof *self->starts, compare_time);
  qsort (self->ends, n, sizeof *self->ends, compare_time);
  qsort (self->breaks, 2 * (gsize) n, sizeof *self->breaks, compare_break);

  /* Merge the breaks at one time, then integrate. Items wholly done
   * are counted exactly: the sum of ramps drifts by rounding. */
  for (gsize k = 0, ended = 0, active = 0; k < 2 * (gsize) n; m++)
    {
      gint64 t = self->breaks[k].time;

      if (m > 0)
        value += slope * (double) (t - self->breaks[m - 1].time);
      for (; k < 2 * (gsize) n && self->breaks[k].time == t; k++)
        {
          slope += self->breaks[k].slope;
          if (self->breaks[k].slope > 0)
            active++;
          else
            active--, ended++;
        }
      if (active == 0)
        {
          /* Nothing is under way: the value is a whole count. */
          value = (double) ended;
          slope = 0;
        }
      self->breaks[m] = (Break) { t, slope, value };
    }
  self->n_breaks = m;
  return self;
}

void
cm_adoption_curve_free (CmAdoptionCurve *self)
{
  if (self == NULL)
    return;
  g_free (self->starts);
  g_free (self->ends);
  g_free (self->breaks);
  g_free (self);
}

guint
cm_adoption_curve_get_n (CmAdoptionCurve *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n;
}

/* How many of the sorted @times are <= @t. */
static guint
count_le (const gint64 *times,
          guint         n,
          double        t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) times[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

double
cm_adoption_curve_eval (CmAdoptionCurve *self,
                        double           t,
                        guint           *certain,
                        guint           *possible)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, 0);

  if (certain != NULL)
    *certain = count_le (self->ends, self->n, t);
  if (possible != NULL)
    *possible = count_le (self->starts, self->n, t);
  /* The last break at or before @t. */
  hi = self->n_breaks;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) self->breaks[mid].time <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return 0;
  return self->breaks[lo - 1].value + self->breaks[lo - 1].slope * (t - (double) self->breaks[lo - 1].time);
}

gboolean
cm_adoption_curve_get_extent (CmAdoptionCurve *self,
                              gint64          *first,
                              gint64          *last)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n == 0)
    return FALSE;
  if (first != NULL)
    *first = self->starts[0];
  if (last != NULL)
    *last = self->ends[self->n - 1];
  return TRUE;
}
