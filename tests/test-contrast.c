/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-test"

#include <math.h>
#include <string.h>

#include "cm-contrast.h"
#include "cm-map-palette.h"
#include "cm-painter-common.h"

/* WCAG 2.x AA for the painters' colours, light and dark: text 4.5:1,
 * marks and map symbols 3:1 (with their outline where the fill alone is
 * too pale), and a categorical palette that stays distinct for readers
 * with a red-green deficiency. */

/* The default category colours: Okabe–Ito, as app/model/cm-loader.c
 * gives them in order (the painters know no model, so they are repeated
 * here; a new default belongs in both). */
static const guint32 okabe_ito[] = {
  0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442, 0x000000,
};

/* What a painter can put on screen: its channels rounded to 8 bits. */
static CmRgba
quantize (const CmRgba *c)
{
  return (CmRgba) { round (c->r * 255) / 255, round (c->g * 255) / 255, round (c->b * 255) / 255, c->a };
}

static CmRgba
rgb (guint32 v)
{
  CmRgba c;

  cm_rgba_from_rgb24 (&c, v);
  return c;
}

static void
assert_ratio (const char   *what,
              const CmRgba *fg,
              const CmRgba *bg,
              double        at_least)
{
  CmRgba shown = quantize (fg);
  double r = cm_contrast_ratio (&shown, bg);

  if (r < at_least)
    g_test_fail_printf ("%s: #%02x%02x%02x on #%02x%02x%02x is %.2f:1, under %.1f:1", what,
             (guint) round (shown.r * 255), (guint) round (shown.g * 255), (guint) round (shown.b * 255),
             (guint) round (bg->r * 255), (guint) round (bg->g * 255), (guint) round (bg->b * 255),
             r, at_least);
}

static void
test_wcag_formula (void)
{
  CmRgba white = rgb (0xffffff), black = rgb (0x000000), half;

  /* Values every WCAG checker gives. */
  g_assert_cmpfloat_with_epsilon (cm_contrast_ratio (&black, &white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cm_contrast_ratio (&white, &white), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cm_contrast_ratio (&white, &black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cm_contrast_ratio (&(CmRgba) { 0x76 / 255.0, 0x76 / 255.0, 0x76 / 255.0, 1 }, &white),
                                  4.54, 0.005);
  g_assert_cmpfloat_with_epsilon (cm_contrast_ratio (&(CmRgba) { 0x77 / 255.0, 0x77 / 255.0, 0x77 / 255.0, 1 }, &white),
                                  4.48, 0.005);
  g_assert_cmpfloat_with_epsilon (cm_contrast_ratio (&(CmRgba) { 0.902, 0.624, 0.0, 1 }, &white), 2.25, 0.01);
  g_assert_cmpfloat_with_epsilon (cm_rgba_luminance (&white), 1.0, 1e-9);

  /* Translucent ink is what it shows once composited. */
  half = black;
  half.a = 0.5;
  g_assert_cmpfloat_with_epsilon (cm_contrast_ratio (&half, &white),
                                  cm_contrast_ratio (&(CmRgba) { 0.5, 0.5, 0.5, 1 }, &white), 1e-9);
  g_assert_true (cm_contrast_pick (&white, &white, &black) == &black);
  g_assert_true (cm_contrast_pick (&black, &white, &black) == &white);
}

static void
test_ink (void)
{
  CmRgba white = rgb (0xffffff), dark = rgb (0x242426), blue = rgb (0x0072b2), yellow = rgb (0xe69f00);
  CmRgba ink;

  /* A colour that already stands out is its own ink. */
  g_assert_false (cm_contrast_ink (&blue, &white, 1, 3.0, &ink));
  g_assert_cmpmem (&ink, sizeof ink, &blue, sizeof blue);

  /* A pale one gets a darker shade of the same hue on a light page... */
  g_assert_true (cm_contrast_ink (&yellow, &white, 1, 3.0, &ink));
  assert_ratio ("yellow ink", &ink, &white, 3.0);
  g_assert_cmpfloat (cm_rgba_luminance (&ink), <, cm_rgba_luminance (&yellow));
  g_assert_cmpfloat (ink.r, >, ink.g);
  g_assert_cmpfloat (ink.g, >, ink.b);
  /* ...just enough, not black. */
  g_assert_cmpfloat (cm_contrast_ratio (&ink, &white), <, 3.3);

  /* A dark one gets a lighter shade on a dark page. */
  g_assert_true (cm_contrast_ink (&(CmRgba) { 0, 0, 0, 1 }, &dark, 1, 3.0, &ink));
  assert_ratio ("black ink", &ink, &dark, 3.0);
  g_assert_cmpfloat (cm_rgba_luminance (&ink), >, 0.05);

  /* Against several backgrounds, the closest decides. */
  {
    CmRgba bgs[] = { rgb (0xffffff), rgb (0xd3e3ee), rgb (0xf3edcf) };

    g_assert_true (cm_contrast_ink (&yellow, bgs, G_N_ELEMENTS (bgs), 3.0, &ink));
    for (guint i = 0; i < G_N_ELEMENTS (bgs); i++)
      assert_ratio ("ink on each", &ink, &bgs[i], 3.0);
  }
}

/* Text and the marks' neutral colours on the page, light and dark. */
static void
test_style_text (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      CmPaintStyle st;
      CmRgba bgs[2];

      cm_paint_style_init_for (&st, dark, NULL);
      cm_paint_style_backgrounds (&st, bgs);
      for (guint i = 0; i < G_N_ELEMENTS (bgs); i++)
        {
          /* Labels, axis text, counts. */
          assert_ratio ("foreground", &st.foreground, &bgs[i], CM_CONTRAST_TEXT);
          assert_ratio ("dim foreground", &st.dim_foreground, &bgs[i], CM_CONTRAST_TEXT);
          /* Selection, brush, playhead and focus rings. */
          assert_ratio ("accent", &st.accent, &bgs[i], CM_CONTRAST_GRAPHIC);
        }
      /* Counts drawn inside a histogram bar. */
      for (guint i = 0; i < G_N_ELEMENTS (okabe_ito); i++)
        {
          CmRgba bar = rgb (okabe_ito[i]), under, text;

          bar.a = 0.9;
          cm_rgba_over (&bar, &st.background, &under);
          cm_contrast_text_on (&under, &text);
          assert_ratio ("count in a bar", &text, &under, CM_CONTRAST_TEXT);
        }
    }
}

/* Every default colour, with its outline where it needs one, stands at
 * 3:1 on the timeline's lanes and on every fill of the base map. */
static void
test_marks (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      CmPaintStyle st;
      CmMapPalette map;
      CmRgba lanes[2], fills[CM_MAP_N_TONES + 3];
      guint n_fills, n_outlined = 0;

      cm_paint_style_init_for (&st, dark, NULL);
      cm_paint_style_backgrounds (&st, lanes);
      cm_map_palette_init (&map, dark);
      n_fills = cm_map_palette_fills (&map, fills);

      for (guint i = 0; i < G_N_ELEMENTS (okabe_ito); i++)
        {
          CmRgba fill = rgb (okabe_ito[i]), ink;
          g_autofree char *what = g_strdup_printf ("%s mark #%06x", dark ? "dark" : "light", okabe_ito[i]);

          /* The timeline: points, bands' frames, spans, bars. */
          if (cm_paint_style_mark_ink (&st, &fill, &ink))
            n_outlined++;
          else
            g_assert_cmpmem (&ink, sizeof ink, &fill, sizeof fill);
          for (guint b = 0; b < G_N_ELEMENTS (lanes); b++)
            assert_ratio (what, &ink, &lanes[b], CM_CONTRAST_GRAPHIC);

          /* The map's markers, over land, neighbours and sea. */
          cm_map_palette_mark_ink (&map, &fill, &ink);
          for (guint b = 0; b < n_fills; b++)
            assert_ratio (what, &ink, &fills[b], CM_CONTRAST_GRAPHIC);
        }
      /* The pale ones do need it: yellow and sky blue on light, blue and
       * black on dark. */
      g_assert_cmpuint (n_outlined, >=, 2);
    }
}

/* Names of areas and places, and the borders of countries, on the map. */
static void
test_map_labels (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      CmPaintStyle st;
      CmMapPalette map;
      CmRgba region, neighbour, halo;

      cm_paint_style_init_for (&st, dark, NULL);
      cm_map_palette_init (&map, dark);
      cm_map_palette_label_inks (&map, &st, &region, &neighbour);
      for (guint i = 0; i < CM_MAP_N_TONES; i++)
        {
          assert_ratio ("province name", &region, &map.tones[i], CM_CONTRAST_TEXT);
          assert_ratio ("country border", &map.country_border, &map.tones[i], CM_CONTRAST_GRAPHIC);
        }
      assert_ratio ("province name", &region, &map.land, CM_CONTRAST_TEXT);
      assert_ratio ("neighbour name", &neighbour, &map.neighbour, CM_CONTRAST_TEXT);
      assert_ratio ("coast", &map.country_border, &map.sea, CM_CONTRAST_GRAPHIC);
      /* Place names sit on a halo of the page colour at 0.9. */
      halo = st.background;
      halo.a = 0.9;
      for (guint i = 0; i < CM_MAP_N_TONES; i++)
        {
          CmRgba under;

          cm_rgba_over (&halo, &map.tones[i], &under);
          assert_ratio ("place name", &st.foreground, &under, CM_CONTRAST_TEXT);
        }
    }
}

/* Colour-vision deficiency, simulated as Machado, Oliveira and Fernandes
 * (2009) do at full severity, in linear RGB. */
static const double protanopia[3][3] = {
  { 0.152286, 1.052583, -0.204868 },
  { 0.114503, 0.786281, 0.099216 },
  { -0.003882, -0.048116, 1.051998 },
};
static const double deuteranopia[3][3] = {
  { 0.367322, 0.860646, -0.227968 },
  { 0.280085, 0.672501, 0.047413 },
  { -0.011820, 0.042940, 0.968881 },
};
static const double normal_vision[3][3] = {
  { 1, 0, 0 },
  { 0, 1, 0 },
  { 0, 0, 1 },
};

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116;
}

/* CIE L*a*b* (D65) of @c as a reader with vision @m sees it. */
static void
seen_lab (guint32       c,
          const double  m[3][3],
          double        lab[3])
{
  CmRgba s = rgb (c);
  double in[3] = { to_linear (s.r), to_linear (s.g), to_linear (s.b) }, l[3];
  double x, y, z;

  for (guint i = 0; i < 3; i++)
    l[i] = CLAMP (m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
  x = (0.4124 * l[0] + 0.3576 * l[1] + 0.1805 * l[2]) / 0.95047;
  y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  z = (0.0193 * l[0] + 0.1192 * l[1] + 0.9505 * l[2]) / 1.08883;
  lab[0] = 116 * lab_f (y) - 16;
  lab[1] = 500 * (lab_f (x) - lab_f (y));
  lab[2] = 200 * (lab_f (y) - lab_f (z));
}

/* The smallest ΔE*ab (CIE 1976) between two of @colors under @m. */
static double
min_difference (const guint32 *colors,
                guint          n,
                const double   m[3][3],
                guint         *a,
                guint         *b)
{
  double lowest = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double p[3], q[3], d;

        seen_lab (colors[i], m, p);
        seen_lab (colors[j], m, q);
        d = sqrt ((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
        if (d < lowest)
          {
            lowest = d;
            *a = i;
            *b = j;
          }
      }
  return lowest;
}

static void
test_palette_distinct (void)
{
  struct { const char *name; const double (*m)[3]; } vision[] = {
    { "normal", normal_vision }, { "protanopia", protanopia }, { "deuteranopia", deuteranopia },
  };
  /* A ΔE of 15 is a difference one names at a glance; swatches side by
   * side tell 2 to 5 apart. */
  const double enough = 15.0;

  for (guint v = 0; v < G_N_ELEMENTS (vision); v++)
    {
      guint a = 0, b = 0;
      double d = min_difference (okabe_ito, G_N_ELEMENTS (okabe_ito), vision[v].m, &a, &b);

      if (d < enough)
        g_test_fail_printf ("%s: #%06x and #%06x differ by dE %.1f, under %.0f", vision[v].name,
                 okabe_ito[a], okabe_ito[b], d, enough);
    }

  /* The check can fail: red and green, which deuteranopes confuse. */
  {
    static const guint32 red_green[] = { 0xd62728, 0x2ca02c, 0x1f77b4 };
    guint a, b;

    g_assert_cmpfloat (min_difference (red_green, 3, normal_vision, &a, &b), >=, enough);
    g_assert_cmpfloat (min_difference (red_green, 3, deuteranopia, &a, &b), <, enough);
  }
}

/* The app's own CSS (resources/style.css) over libadwaita 1.2's colours:
 * the dim labels (subtitle, result count) on the header bar and the
 * column headers on the list. */
static double
css_number_after (const char *css,
                  const char *selector,
                  const char *property)
{
  const char *rule = strstr (css, selector), *p;

  g_assert_nonnull (rule);
  p = strstr (rule, property);
  g_assert_nonnull (p);
  g_assert_true (p < strchr (rule, '}'));
  return g_ascii_strtod (p + strlen (property), NULL);
}

static void
test_app_css (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "style.css", NULL);
  g_autofree char *css = NULL;
  double dim, header;
  /* libadwaita 1.2: headerbar_bg_color, view_bg_color and their
   * foregrounds, rgba(0, 0, 0, 0.8) light and white dark. */
  struct { double bar, view, fg, fg_alpha; } themes[] = {
    { 0xeb / 255.0, 1.0, 0.0, 0.8 },
    { 0x30 / 255.0, 0x1e / 255.0, 1.0, 1.0 },
  };

  g_assert_true (g_file_get_contents (path, &css, NULL, NULL));
  dim = css_number_after (css, ".dim-label", "opacity:");
  header = css_number_after (css, "columnview.view > header > button > box", "alpha(currentColor,");
  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      CmRgba bar = { themes[i].bar, themes[i].bar, themes[i].bar, 1 };
      CmRgba view = { themes[i].view, themes[i].view, themes[i].view, 1 };
      CmRgba text = { themes[i].fg, themes[i].fg, themes[i].fg, themes[i].fg_alpha * dim };

      assert_ratio ("dim label", &text, &bar, CM_CONTRAST_TEXT);
      text.a = themes[i].fg_alpha * header;
      assert_ratio ("column header", &text, &view, CM_CONTRAST_TEXT);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrast/wcag-formula", test_wcag_formula);
  g_test_add_func ("/contrast/ink", test_ink);
  g_test_add_func ("/contrast/style-text", test_style_text);
  g_test_add_func ("/contrast/marks", test_marks);
  g_test_add_func ("/contrast/map-labels", test_map_labels);
  g_test_add_func ("/contrast/palette-distinct", test_palette_distinct);
  g_test_add_func ("/contrast/app-css", test_app_css);

  return g_test_run ();
}
