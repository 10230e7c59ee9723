/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-gazetteer.h"
#include "cm-test-util.h"

static void
test_lookup (void)
{
  g_autoptr(GPtrArray) wuhan = cm_gazetteer_lookup ("Wuhan", "CN", NULL);
  g_autoptr(GPtrArray) wuxi = cm_gazetteer_lookup ("Wuxi", "CN", NULL);
  const char *jiangsu[] = { "Jiangsu", "China", NULL };
  g_autoptr(GPtrArray) wuxi_js = cm_gazetteer_lookup ("wuxi", "CN", jiangsu);
  const char *shanghai[] = { "Shanghai", NULL };
  g_autoptr(GPtrArray) sh = cm_gazetteer_lookup ("Shanghai", NULL, shanghai);
  g_autoptr(GPtrArray) none = cm_gazetteer_lookup ("Nowhereville Xyzzy", NULL, NULL);
  CmGazetteerMatch *m;

  g_assert_cmpuint (wuhan->len, ==, 1);
  m = g_ptr_array_index (wuhan, 0);
  g_assert_cmpfloat_with_epsilon (m->lat, 30.58, 0.05);
  g_assert_cmpfloat_with_epsilon (m->lon, 114.27, 0.05);
  g_assert_cmpstr (m->state, ==, "Hubei");

  /* Two Wuxis in China: the parent chooses. */
  g_assert_cmpuint (wuxi->len, ==, 2);
  g_assert_cmpuint (wuxi_js->len, ==, 1);
  m = g_ptr_array_index (wuxi_js, 0);
  g_assert_cmpfloat_with_epsilon (m->lon, 120.29, 0.05);

  /* "Shanghai Municipality" is the state's name in geonames. */
  g_assert_cmpuint (sh->len, ==, 1);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_dataset_resolution (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"title\": \"T\", \"places\": ["
    "{\"id\": \"js\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"country\": \"CN\"},"
    "{\"id\": \"wx\", \"name\": \"Wuxi\", \"kind\": \"city\", \"parent\": \"js\"}],"
    "\"announcements\": []}", &diags);
  const CmPlace *wx;

  g_assert_nonnull (ds);
  wx = cm_dataset_get_place (ds, 1);
  g_assert_cmpint (wx->coords, ==, CM_COORDS_GAZETTEER);
  g_assert_cmpfloat_with_epsilon (wx->lat, 31.57, 0.05);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, "/places/1", "Wuxi (Jiangsu, CN"));
}

static void
test_dataset_ambiguous (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"title\": \"T\", \"places\": [{\"id\": \"wx\", \"name\": \"Wuxi\", \"country\": \"CN\"}], \"announcements\": []}",
    &diags);

  g_assert_null (ds);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/places/0", "ambiguous"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/places/0", "Jiangsu"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/places/0", "Hunan"));
}

static void
test_dataset_no_match (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"Xuhui\", \"kind\": \"district\"},"
    "{\"id\": \"s\", \"name\": \"Springfield\", \"country\": \"CN\"}], \"announcements\": []}",
    &diags);

  g_assert_null (ds);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/places/0", "no match"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/places/0", "give lat and lon"));
  /* Wrong country: the error lists where a place of that name does exist. */
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/places/1", "candidates elsewhere: Springfield (Missouri, US"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gazetteer/lookup", test_lookup);
  g_test_add_func ("/gazetteer/dataset-resolution", test_dataset_resolution);
  g_test_add_func ("/gazetteer/dataset-ambiguous", test_dataset_ambiguous);
  g_test_add_func ("/gazetteer/dataset-no-match", test_dataset_no_match);

  return g_test_run ();
}
