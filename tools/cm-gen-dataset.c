/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-gen"

/* Writes a synthetic Chronomap dataset of N announcements over the Chinese
 * cities libgeonames knows, for benchmarks and scale tests. Deterministic
 * for a given seed. Dates mix the precisions real sources give, over the
 * years 2000–2024 or --years FROM..TO; --month-dates makes the year-only
 * ones months (a script that counts per month can read every date: the
 * figure benchmark's matplotlib peer). With --csv, the same announcements
 * as a CSV table (date, city, latitude, longitude, category, title,
 * summary), for the import benchmarks. */

#include <geonames.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  char   *name;
  char   *state;
  double  lat;
  double  lon;
} City;

static const char * const categories[][2] = {
  { "work-report", "#0072B2" }, { "plan", "#009E73" }, { "meeting", "#E69F00" },
  { "park", "#D55E00" }, { "appointment", "#CC79A7" }, { "subsidy", "#56B4E9" },
  { "regulation", "#F0E442" }, { "other", "#000000" },
};

static const char * const topics[] = {
  "metaverse", "digital economy", "artificial intelligence", "blockchain", "new energy vehicles",
  "semiconductors", "cloud computing", "smart city", "biomedicine", "quantum technology",
};

static const char * const cjk[] = { "元宇宙", "数字经济", "人工智能", "区块链", "智慧城市" };

static void
write_escaped (FILE       *out,
               const char *s)
{
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        fputc ('\\', out);
      fputc (*s, out);
    }
}

static GPtrArray *
chinese_cities (void)
{
  GPtrArray *cities = g_ptr_array_new ();
  int n = geonames_get_n_cities ();

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GeonamesCity) c = geonames_get_city (i);
      City *city;

      if (c == NULL || g_strcmp0 (geonames_city_get_country_code (c), "CN") != 0)
        continue;
      /* Names with "?" lost their accents in libgeonames' data. */
      if (strchr (geonames_city_get_name (c), '?') || strchr (geonames_city_get_name (c), '"'))
        continue;
      city = g_new0 (City, 1);
      city->name = g_strdup (geonames_city_get_name (c));
      city->state = g_strdup (geonames_city_get_state (c));
      city->lat = geonames_city_get_latitude (c);
      city->lon = geonames_city_get_longitude (c);
      g_ptr_array_add (cities, city);
    }
  return cities;
}

static void
write_date (FILE   *out,
            GRand  *rand,
            int     year,
            int     month,
            int     day,
            int     kind)
{
  switch (kind)
    {
    case 0:
      fprintf (out, "\"%04d\"", year);
      break;
    case 1:
      fprintf (out, "\"%04d-%02d\"", year, month);
      break;
    case 2:
      fprintf (out, "\"%04d-%02d-%02dT%02d:%02d:00+08:00\"", year, month, day,
               g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60));
      break;
    default:
      fprintf (out, "\"%04d-%02d-%02d\"", year, month, day);
      break;
    }
}

/* "FROM..TO", both years, FROM ≤ TO. */
static gboolean
parse_years (const char *text,
             int        *from,
             int        *to)
{
  g_auto(GStrv) parts = g_strsplit (text, "..", 2);
  guint64 a, b;

  if (g_strv_length (parts) != 2 || !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &a, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 9998, &b, NULL) || a > b)
    return FALSE;
  *from = (int) a;
  *to = (int) b;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("N [SEED] [OUTPUT]");
  g_autoptr(GError) error = NULL;
  g_autofree char *years = NULL;
  guint64 n, seed = 1;
  FILE *out = stdout;
  gboolean csv = FALSE, month_dates = FALSE;
  int first_year = 2000, last_year = 2024;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, "A CSV table instead of a dataset", NULL },
    { "years", 0, 0, G_OPTION_ARG_STRING, &years, "Dates in these years (default 2000..2024)", "FROM..TO" },
    { "month-dates", 0, 0, G_OPTION_ARG_NONE, &month_dates, "No year-only dates: months instead", NULL },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s: %s\n", g_get_prgname (), error->message);
      return 2;
    }
  if (argc < 2 || argc > 4 || (years != NULL && !parse_years (years, &first_year, &last_year)))
    {
      fprintf (stderr, "Usage: %s [--csv] [--years FROM..TO] [--month-dates] N [SEED] [OUTPUT]\n", argv[0]);
      return 2;
    }
  n = g_ascii_strtoull (argv[1], NULL, 10);
  if (argc >= 3)
    seed = g_ascii_strtoull (argv[2], NULL, 10);
  if (argc >= 4 && (out = fopen (argv[3], "w")) == NULL)
    {
      perror (argv[3]);
      return 1;
    }

  rand = g_rand_new_with_seed ((guint32) seed);
  cities = chinese_cities ();
  if (cities->len == 0)
    {
      fprintf (stderr, "libgeonames lists no Chinese city\n");
      return 1;
    }

  if (csv)
    {
      fprintf (out, "date,city,latitude,longitude,category,title,summary\n");
      for (guint64 i = 0; i < n; i++)
        {
          guint city = g_rand_int_range (rand, 0, cities->len);
          City *c = g_ptr_array_index (cities, city);
          int year = g_rand_int_range (rand, first_year, last_year + 1);
          int month = g_rand_int_range (rand, 1, 13);
          int day = g_rand_int_range (rand, 1, g_date_get_days_in_month (month, year) + 1);
          int r = g_rand_int_range (rand, 0, 100);
          int kind = r < 5 ? 0 : r < 20 ? 1 : r < 25 ? 2 : 3;
          int shown = month_dates && kind == 0 ? 1 : kind;
          const char *topic = topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))];
          guint cat = g_rand_int_range (rand, 0, G_N_ELEMENTS (categories));

          /* A quoted date is a valid CSV field too. */
          write_date (out, rand, year, month, day, shown);
          fprintf (out, ",%s,%.5f,%.5f,%s,%s announces support for %s (%s) #%" G_GUINT64_FORMAT ",", c->name,
                   c->lat, c->lon, categories[cat][0], c->name, topic,
                   cjk[g_rand_int_range (rand, 0, G_N_ELEMENTS (cjk))], i);
          fprintf (out, "\"The %s government of %s, %s, published measures on %s with funding of %d million yuan.\"\n",
                   categories[cat][0], c->name, c->state ? c->state : "", topic, g_rand_int_range (rand, 1, 5000));
        }
      if (out != stdout)
        fclose (out);
      return 0;
    }

  fprintf (out, "{\n\"title\": \"Synthetic announcements (%" G_GUINT64_FORMAT ", seed %" G_GUINT64_FORMAT ")\",\n",
           n, seed);
  fprintf (out, "\"description\": \"Generated by tools/gen-dataset over %u Chinese cities from libgeonames.\",\n",
           cities->len);
  fprintf (out, "\"places\": [\n");
  for (guint i = 0; i < cities->len; i++)
    {
      City *c = g_ptr_array_index (cities, i);
      fprintf (out, "{\"id\": \"c%u\", \"name\": \"", i);
      write_escaped (out, c->name);
      fprintf (out, "\", \"kind\": \"city\", \"country\": \"CN\", \"lat\": %.5f, \"lon\": %.5f}%s\n",
               c->lat, c->lon, i + 1 < cities->len ? "," : "");
    }
  fprintf (out, "],\n\"categories\": [\n");
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    fprintf (out, "{\"id\": \"%s\", \"label\": \"%s\", \"color\": \"%s\"}%s\n", categories[i][0],
             categories[i][0], categories[i][1], i + 1 < G_N_ELEMENTS (categories) ? "," : "");
  fprintf (out, "],\n\"sources\": [{\"id\": \"gen\", \"title\": \"tools/gen-dataset\"}],\n");
  fprintf (out, "\"announcements\": [\n");

  for (guint64 i = 0; i < n; i++)
    {
      guint city = g_rand_int_range (rand, 0, cities->len);
      City *c = g_ptr_array_index (cities, city);
      int year = g_rand_int_range (rand, first_year, last_year + 1);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, g_date_get_days_in_month (month, year) + 1);
      int r = g_rand_int_range (rand, 0, 100);
      int kind = r < 5 ? 0 : r < 20 ? 1 : r < 25 ? 2 : 3;
      int shown = month_dates && kind == 0 ? 1 : kind;
      const char *topic = topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))];
      guint cat = g_rand_int_range (rand, 0, G_N_ELEMENTS (categories));
      int actors = g_rand_int_range (rand, 0, 3);

      fprintf (out, "{\"id\": \"a%" G_GUINT64_FORMAT "\", \"date\": ", i);
      write_date (out, rand, year, month, day, shown);
      if (g_rand_int_range (rand, 0, 100) < 5)
        {
          fprintf (out, ", \"end\": ");
          write_date (out, rand, year + 1, month, MIN (day, 28), 3);
        }
      if (kind == 1 && g_rand_boolean (rand))
        fprintf (out, ", \"date_note\": \"%s %04d\"", g_rand_boolean (rand) ? "mid" : "late", year);
      fprintf (out, ", \"place\": \"c%u\", \"category\": \"%s\", \"title\": \"", city, categories[cat][0]);
      write_escaped (out, c->name);
      fprintf (out, " announces support for %s (%s) #%" G_GUINT64_FORMAT "\"", topic,
               cjk[g_rand_int_range (rand, 0, G_N_ELEMENTS (cjk))], i);
      fprintf (out, ", \"summary\": \"The %s government of ", categories[cat][0]);
      write_escaped (out, c->name);
      fprintf (out, ", ");
      write_escaped (out, c->state ? c->state : "");
      fprintf (out, ", published measures on %s with funding of %d million yuan.\"", topic,
               g_rand_int_range (rand, 1, 5000));
      if (actors > 0)
        {
          fprintf (out, ", \"actors\": [");
          for (int a = 0; a < actors; a++)
            fprintf (out, "%s\"Official %d\"", a ? ", " : "", g_rand_int_range (rand, 1, 2000));
          fprintf (out, "]");
        }
      fprintf (out, ", \"sources\": [\"gen\"]}%s\n", i + 1 < n ? "," : "");
    }
  fprintf (out, "]\n}\n");
  if (out != stdout)
    fclose (out);
  return 0;
}
