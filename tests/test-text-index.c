/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cm-loader.h"
#include "cm-text-index.h"

static void
test_fold (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "Metaverse Park", "metaverse park" },
    { "São Paulo Café", "sao paulo cafe" },            /* precomposed accents */
    { "Cafe\xcc\x81", "cafe" },                          /* e + combining acute */
    { "ＡＢＣ　１２３", "abc 123" },                     /* full width, ideographic space */
    { "武汉市元宇宙", "武汉市元宇宙" },                  /* CJK kept as is */
    { "ﬁnal\tline\nnext", "final line next" },          /* ligature; controls as spaces */
    { "ΑΘΗΝΑ", "αθηνα" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = cm_text_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static const char dataset_json[] =
  "{ \"title\": \"t\","
  "  \"places\": ["
  "    { \"id\": \"wuhan\", \"name\": \"Wuhan\", \"local_name\": \"武汉市\", \"lat\": 30.6, \"lon\": 114.3 },"
  "    { \"id\": \"sp\", \"name\": \"São Paulo\", \"lat\": -23.5, \"lon\": -46.6 },"
  "    { \"id\": \"cn\", \"name\": \"China\", \"local_name\": \"中国\", \"lat\": 35.0, \"lon\": 105.0 } ],"
  "  \"categories\": ["
  "    { \"id\": \"park\", \"label\": \"Industrial park\", \"color\": \"#E69F00\" },"
  "    { \"id\": \"plan\", \"label\": \"Development plan\", \"color\": \"#009E73\" } ],"
  "  \"announcements\": ["
  "    { \"id\": \"a0\", \"date\": \"2021-11\", \"place\": \"wuhan\", \"category\": \"plan\","
  "      \"title\": \"Wuhan writes the METAVERSE into its work report\" },"
  "    { \"id\": \"a1\", \"date\": \"2022-01-05\", \"place\": \"wuhan\", \"category\": \"park\","
  "      \"title\": \"武汉元宇宙产业园开园\", \"actors\": [\"Ｗｕｈａｎ Ｅｃｏｎｏｍｉｃ Ｂｕｒｅａｕ\"] },"
  "    { \"id\": \"a2\", \"date\": \"2022-03\", \"place\": \"sp\", \"category\": \"plan\","
  "      \"title\": \"Café district gets a digital twin\" },"
  "    { \"id\": \"a3\", \"date\": \"2023\", \"place\": \"cn\", \"category\": \"plan\", \"title\": \"A national metaverse guideline\","
  "      \"summary\": \"words only here: quasar\" } ] }";

static CmDataset *
load_dataset (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (dataset_json, strlen (dataset_json));
  g_autoptr(GError) error = NULL;
  CmDataset *ds = cm_loader_load_bytes (bytes, "search.json", NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 4);
  return ds;
}

/* "0110": which announcements matched. */
static char *
matches (CmTextIndex *index,
         const char  *query,
         guint       *count)
{
  guint8 match[4];
  char *out = g_malloc (5);

  *count = cm_text_index_match (index, query, match);
  for (guint i = 0; i < 4; i++)
    out[i] = match[i] ? '1' : '0';
  out[4] = '\0';
  return out;
}

static void
test_match (void)
{
  g_autoptr(CmDataset) ds = load_dataset ();
  g_autoptr(CmTextIndex) index = cm_text_index_new (ds);
  const struct { const char *query, *expect; } cases[] = {
    { "", "1111" },                      /* no terms: everything */
    { "   ", "1111" },
    { "metaverse", "1001" },             /* any case, in titles */
    { "METAVERSE report", "1000" },      /* every term */
    { "元宇宙", "0100" },                /* CJK substring, no spaces needed */
    { "武汉", "1100" },                  /* the place's local name, and a title */
    { "wuhan economic", "0100" },        /* full-width actor, folded */
    { "cafe", "0010" },                  /* accents dropped */
    { "sao", "0010" },                   /* the place's name, folded */
    { "ｐａｒｋ", "0100" },              /* full-width query: the category */
    { "development", "1011" },           /* the category's label */
    { "a3", "0001" },                    /* the id */
    { "quasar", "0000" },                /* summaries are not indexed */
    { "metaverse zzz", "0000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint count, expected = 0;
      g_autofree char *got = matches (index, cases[i].query, &count);

      g_assert_cmpstr (got, ==, cases[i].expect);
      for (const char *p = cases[i].expect; *p; p++)
        expected += *p == '1';
      g_assert_cmpuint (count, ==, expected);
    }
}

/* The search against the plain definition, on text where partial
 * matches abound: titles of a three-letter alphabet, of every length
 * (so that terms meet the ends of the text and of each title), queried
 * with every short word and with pieces of the titles themselves. */
static void
test_match_exhaustive (void)
{
  GString *json = g_string_new ("{\"title\": \"t\", \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 1, \"lon\": 2}],"
                                " \"categories\": [{\"id\": \"k\", \"label\": \"K\", \"color\": \"#000000\"}],"
                                " \"announcements\": [");
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmTextIndex) index = NULL;
  g_autofree guint8 *match = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  const guint n = 400;

  for (guint i = 0; i < n; i++)
    {
      guint len = 1 + i % 41;
      char *title = g_malloc (len + 1);

      for (guint k = 0; k < len; k++)
        title[k] = "abc"[g_rand_int_range (rand, 0, (k % 7 == 0) ? 3 : 2)];
      title[len] = '\0';
      g_ptr_array_add (titles, title);
      g_string_append_printf (json, "%s{\"id\": \"x%u\", \"date\": \"2021\", \"place\": \"p\","
                              " \"category\": \"k\", \"title\": \"%s\"}", i ? "," : "", i, title);
    }
  g_string_append (json, "]}");
  bytes = g_string_free_to_bytes (json);
  ds = cm_loader_load_bytes (bytes, "abc.json", NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  index = cm_text_index_new (ds);
  match = g_new (guint8, n);

  for (guint len = 1; len <= 3; len++)
    for (guint w = 0; w < 27; w++)
      {
        char word[4] = { "abc"[w % 3], "abc"[w / 3 % 3], "abc"[w / 9], '\0' };

        word[len] = '\0';
        if (len == 1 && w >= 3)
          continue;
        if (len == 2 && w >= 9)
          continue;
        g_ptr_array_add (queries, g_strdup (word));
      }
  for (guint q = 0; q < 300; q++)
    {
      const char *title = g_ptr_array_index (titles, g_rand_int_range (rand, 0, n));
      guint len = strlen (title);
      guint from = g_rand_int_range (rand, 0, len);
      guint take = 1 + g_rand_int_range (rand, 0, MIN (len - from, 24));
      g_autofree char *piece = g_strndup (title + from, take);

      /* Two terms now and then: both must be found. */
      if (q % 5 == 0)
        g_ptr_array_add (queries, g_strdup_printf ("%s %s", piece, (char *) g_ptr_array_index (queries, q % 39)));
      else
        g_ptr_array_add (queries, g_steal_pointer (&piece));
    }

  for (guint q = 0; q < queries->len; q++)
    {
      const char *query = g_ptr_array_index (queries, q);
      g_auto(GStrv) terms = g_strsplit (query, " ", -1);
      guint count = cm_text_index_match (index, query, match), expected = 0;

      for (guint i = 0; i < n; i++)
        {
          gboolean want = TRUE;

          for (guint t = 0; terms[t] != NULL; t++)
            want &= strstr (g_ptr_array_index (titles, i), terms[t]) != NULL;
          if (match[i] != want)
            g_error ("query \"%s\", announcement %u \"%s\": %s", query, i,
                     (char *) g_ptr_array_index (titles, i), want ? "missed" : "matched wrongly");
          expected += want;
        }
      g_assert_cmpuint (count, ==, expected);
    }
  g_rand_free (rand);
}

/* Hostile text is indexed only so far: a title's first 4 KB, whatever
 * it decomposes into, and the first 256 bytes of an id. */
static void
test_caps (void)
{
  GString *json = g_string_new ("{\"title\": \"t\", \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 1, \"lon\": 2}],"
                                " \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#000000\"}],"
                                " \"announcements\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmTextIndex) index = NULL;
  guint8 match[3];

  /* 0: a word, then 900 KB of a ligature that folds to eleven times its
   * size; 1: the same ligatures, then the word; 2: an actor with the
   * word past its first 256 bytes. */
  g_string_append (json, "{\"id\": \"a0\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\", \"title\": \"early ");
  for (guint k = 0; k < 300000; k++)
    g_string_append (json, "\xef\xb7\xba");
  g_string_append (json, "\"}, {\"id\": \"a1\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\", \"title\": \"");
  for (guint k = 0; k < 300000; k++)
    g_string_append (json, "\xef\xb7\xba");
  g_string_append (json, " late\"}, {\"id\": \"a2\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\","
                   " \"title\": \"t\", \"actors\": [\"");
  for (guint k = 0; k < 300; k++)
    g_string_append_c (json, 'x');
  g_string_append (json, "actword\"]}]}");
  bytes = g_string_free_to_bytes (json);
  ds = cm_loader_load_bytes (bytes, "caps.json", NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  index = cm_text_index_new (ds);

  g_assert_cmpuint (cm_text_index_match (index, "early", match), ==, 1);
  g_assert_true (match[0]);
  /* The ligature, folded (to Arabic words), is searchable where it is
   * indexed. */
  g_assert_cmpuint (cm_text_index_match (index, "\xd8\xa7\xd9\x84\xd9\x84\xd9\x87", match), ==, 2);
  g_assert_cmpuint (cm_text_index_match (index, "late", match), ==, 0);
  g_assert_cmpuint (cm_text_index_match (index, "xxxx", match), ==, 1);
  g_assert_cmpuint (cm_text_index_match (index, "actword", match), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text-index/fold", test_fold);
  g_test_add_func ("/text-index/match", test_match);
  g_test_add_func ("/text-index/match-exhaustive", test_match_exhaustive);
  g_test_add_func ("/text-index/caps", test_caps);
  return g_test_run ();
}
