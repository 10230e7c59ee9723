/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"
/* VSIStatBufL is a struct stat64. */
#define _LARGEFILE64_SOURCE 1

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* GDAL's headers declare enumerators past INT_MAX (wkbPoint25D). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#pragma GCC diagnostic pop

#include <gmodule.h>

/* GDAL is loaded when a file needs it, not with the program: linked, its
 * hundred libraries cost every start (a validate of the 10-item sample
 * went from 0.05 s to 0.3 s), for the few files that are spreadsheets or
 * GIS layers. The prototypes come from GDAL's headers. */
#define GDAL_FUNCTIONS(X) \
  X (CPLGetLastErrorMsg) \
  X (CPLPopErrorHandler) \
  X (CPLPushErrorHandler) \
  X (CSLDestroy) \
  X (GDALAllRegister) \
  X (GDALClose) \
  X (GDALDatasetGetLayer) \
  X (GDALDatasetGetLayerByName) \
  X (GDALDatasetGetLayerCount) \
  X (GDALGetDatasetDriver) \
  X (GDALGetDriverShortName) \
  X (GDALOpenEx) \
  X (OCTDestroyCoordinateTransformation) \
  X (OCTNewCoordinateTransformation) \
  X (OCTTransform) \
  X (OGR_FD_GetFieldCount) \
  X (OGR_FD_GetFieldDefn) \
  X (OGR_F_Destroy) \
  X (OGR_F_GetFieldAsDateTimeEx) \
  X (OGR_F_GetFieldAsString) \
  X (OGR_F_GetGeometryRef) \
  X (OGR_F_IsFieldSetAndNotNull) \
  X (OGR_Fld_GetNameRef) \
  X (OGR_Fld_GetType) \
  X (OGR_G_GetGeometryType) \
  X (OGR_GT_Flatten) \
  X (OGR_G_GetX) \
  X (OGR_G_GetY) \
  X (OGR_L_GetFeatureCount) \
  X (OGR_L_GetLayerDefn) \
  X (OGR_L_GetName) \
  X (OGR_L_GetNextFeature) \
  X (OGR_L_GetSpatialRef) \
  X (OGR_L_ResetReading) \
  X (OSRClone) \
  X (OSRDestroySpatialReference) \
  X (OSRNewSpatialReference) \
  X (OSRSetAxisMappingStrategy) \
  X (OSRSetWellKnownGeogCS) \
  X (VSIFCloseL) \
  X (VSIFileFromMemBuffer) \
  X (VSIReadDirRecursive) \
  X (VSIRename) \
  X (VSIStatL) \
  X (VSIUnlink) \
  X (CPLSetThreadLocalConfigOption)

#define DECLARE(name) static __typeof__ (name) *p_##name;
GDAL_FUNCTIONS (DECLARE)
#undef DECLARE
#undef wkbFlatten
#define wkbFlatten(type) p_OGR_GT_Flatten ((OGRwkbGeometryType) (type))

static gboolean
gdal_load (char **error)
{
  static gsize done = 0;
  static char *failure = NULL;

  if (g_once_init_enter (&done))
    {
      GModule *module = g_module_open ("libgdal.so.32", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module == NULL)
        failure = g_strdup_printf (_("GDAL 3.6 is needed to read this file and cannot be loaded (%s); "
                                     "install Debian's libgdal32"), g_module_error ());
#define RESOLVE(name) \
      if (failure == NULL && !g_module_symbol (module, #name, (gpointer *) &p_##name)) \
        failure = g_strdup_printf (_("GDAL lacks %s"), #name);
      GDAL_FUNCTIONS (RESOLVE)
#undef RESOLVE
      if (failure == NULL)
        {
          g_module_make_resident (module);
          p_GDALAllRegister ();
        }
      g_once_init_leave (&done, 1);
    }
  if (failure != NULL)
    *error = g_strdup (failure);
  return failure == NULL;
}


#include "cm-loader-private.h"

/* Spreadsheets (XLSX, ODS) and GIS files (GeoPackage, Shapefile, KML, KMZ,
 * GPX, FlatGeobuf) through GDAL/OGR, the library the geo field reads them
 * with: measured 0.12x openpyxl's time on a 100k-row XLSX (see
 * /work/shared/notes/gdal-3.6.md). The first layer (or --sheet NAME)
 * becomes a table for the field mapping of cm-field-map.c, like CSV. */

/* What a file is, as said in messages (translated there with _()): the
 * English text also picks the reader below, so it is kept as it is. */
static const struct { const char *magic; gsize len; const char *what; } magics[] = {
  { "PK\x03\x04", 4, N_("a ZIP file (XLSX, ODS, KMZ or a zipped Shapefile)") },
  { "SQLite format 3", 16, N_("a GeoPackage (SQLite)") },
  { "fgb\x03", 4, N_("a FlatGeobuf file") },
  { "\x00\x00\x27\x0a", 4, N_("a Shapefile") },
  { "\xd0\xcf\x11\xe0", 4, N_("an Excel 97-2003 workbook (.xls)") },
};

const char *
_cm_gdal_detect (const char *data,
                 gsize       len)
{
  gsize i = 0;

  for (guint m = 0; m < G_N_ELEMENTS (magics); m++)
    if (len >= magics[m].len && memcmp (data, magics[m].magic, magics[m].len) == 0)
      return magics[m].what;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i < len && data[i] == '<')
    {
      gsize n = MIN (len - i, 4096);
      g_autofree char *head = g_strndup (data + i, n);
      if (strstr (head, "<kml") != NULL)
        return N_("a KML file");
      if (strstr (head, "<gpx") != NULL)
        return N_("a GPX file");
    }
  return NULL;
}

static void
quiet_errors (CPLErr      level,
              CPLErrorNum number,
              const char *message)
{
  /* Messages are taken with CPLGetLastErrorMsg() where they matter. */
}

/* A ZIP whose entries inflate past the limit is refused before GDAL
 * inflates anything: a small XLSX can hold gigabytes of XML. */
static gboolean
zip_too_large (CmLoad     *load,
               const char *path)
{
  g_autofree char *zip = g_strdup_printf ("/vsizip/{%s}", path);
  char **entries = p_VSIReadDirRecursive (zip);
  guint64 total = 0;

  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      g_autofree char *entry = g_strdup_printf ("%s/%s", zip, entries[i]);
      VSIStatBufL st;

      if (p_VSIStatL (entry, &st) == 0 && VSI_ISREG (st.st_mode))
        total += (guint64) st.st_size;
    }
  p_CSLDestroy (entries);
  if (total > CM_IMPORT_MAX_UNZIPPED_BYTES)
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL,
                          _("the ZIP archive inflates to %llu bytes, more than the limit of %llu bytes "
                            "(a zip bomb, or a workbook too large to import)"),
                          (unsigned long long) total, (unsigned long long) CM_IMPORT_MAX_UNZIPPED_BYTES);
      return TRUE;
    }
  return FALSE;
}

static gboolean
has_rows (GDALDatasetH gdal)
{
  for (int l = 0; l < p_GDALDatasetGetLayerCount (gdal); l++)
    if (p_OGR_L_GetFeatureCount (p_GDALDatasetGetLayer (gdal, l), TRUE) != 0)
      return TRUE;
  return FALSE;
}

/* Whether the first row of @layer has a date or date-time field set: a
 * GPX file's "track_points" have their times, its "tracks" none. */
static gboolean
has_dated_rows (OGRLayerH layer)
{
  OGRFeatureDefnH defn = p_OGR_L_GetLayerDefn (layer);
  OGRFeatureH feature;
  gboolean dated = FALSE;

  p_OGR_L_ResetReading (layer);
  feature = p_OGR_L_GetNextFeature (layer);
  if (feature == NULL)
    return FALSE;
  for (int i = 0; i < p_OGR_FD_GetFieldCount (defn) && !dated; i++)
    {
      OGRFieldType type = p_OGR_Fld_GetType (p_OGR_FD_GetFieldDefn (defn, i));
      dated = (type == OFTDate || type == OFTDateTime) && p_OGR_F_IsFieldSetAndNotNull (feature, i);
    }
  p_OGR_F_Destroy (feature);
  p_OGR_L_ResetReading (layer);
  return dated;
}

static const char *
zip_extension (const char *path,
               const char *what)
{
  g_autofree char *zip = NULL;
  char **entries;
  const char *ext = ".zip";

  if (strstr (what, "GeoPackage")) return ".gpkg";
  if (strstr (what, "FlatGeobuf")) return ".fgb";
  if (strstr (what, "KML")) return ".kml";
  if (strstr (what, "GPX")) return ".gpx";
  if (strstr (what, "Shapefile") && !strstr (what, "ZIP")) return ".shp";
  if (!strstr (what, "ZIP")) return "";
  zip = g_strdup_printf ("/vsizip/{%s}", path);
  entries = p_VSIReadDirRecursive (zip);
  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      if (strcmp (entries[i], "xl/workbook.xml") == 0)
        ext = ".xlsx";
      else if (strcmp (entries[i], "content.xml") == 0)
        ext = ".ods";
      else if (g_str_has_suffix (entries[i], ".kml") && strcmp (ext, ".zip") == 0)
        ext = ".kmz";
    }
  p_CSLDestroy (entries);
  return ext;
}

static char *
field_text (OGRFeatureH feature,
            int         i,
            OGRFieldType type)
{
  if (type == OFTDate || type == OFTDateTime)
    {
      int y, m, d, h, mi, tz;
      float s;

      if (!p_OGR_F_GetFieldAsDateTimeEx (feature, i, &y, &m, &d, &h, &mi, &s, &tz))
        return NULL;
      if (type == OFTDate || (h == 0 && mi == 0 && s == 0 && tz <= 1))
        return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
      /* tz: 0 unknown, 1 local time: written without offset, read in --tz;
       * 100 is UTC, each step 15 minutes from it. */
      if (tz <= 1)
        return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, h, mi, (int) s);
      {
        int offset = (tz - 100) * 15;
        return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, h, mi, (int) s,
                                offset < 0 ? '-' : '+', ABS (offset) / 60, ABS (offset) % 60);
      }
    }
  {
    const char *text = p_OGR_F_GetFieldAsString (feature, i);
    int y, m, d;
    char rest[16];

    /* A date cell in a column of mixed cells (dates beside "300 BC") comes
     * as text, at midnight: "2021/11/15 00:00:00". It is a day. */
    if (strlen (text) == 19 && sscanf (text, "%4d/%2d/%2d %15s", &y, &m, &d, rest) == 4 && /* NOLINT(cert-err34-c) */
        strcmp (rest, "00:00:00") == 0)
      return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
    return g_strdup (text);
  }
}

static gboolean
is_workbook (GDALDatasetH gdal)
{
  const char *driver = p_GDALGetDriverShortName (p_GDALGetDatasetDriver (gdal));

  return g_strcmp0 (driver, "XLSX") == 0 || g_strcmp0 (driver, "ODS") == 0;
}

/* For the Import dialog: the sheets or layers there are, and the one read. */
static void
record_sheets (CmImportPreview *preview,
               GDALDatasetH     gdal,
               OGRLayerH        layer)
{
  preview->source = is_workbook (gdal) ? CM_IMPORT_SOURCE_WORKBOOK : CM_IMPORT_SOURCE_LAYERS;
  g_clear_pointer (&preview->sheets, g_ptr_array_unref);
  preview->sheets = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < p_GDALDatasetGetLayerCount (gdal); i++)
    g_ptr_array_add (preview->sheets, g_strdup (p_OGR_L_GetName (p_GDALDatasetGetLayer (gdal, i))));
  g_free (preview->sheet);
  preview->sheet = g_strdup (p_OGR_L_GetName (layer));
}

gboolean
_cm_load_gdal (CmLoad     *load,
               const char *what,
               const char *path)
{
  CmDataset *ds = load->dataset;
  g_autofree char *mem = NULL;
  const char *open_path = path;
  GDALDatasetH gdal = NULL;
  OGRLayerH layer = NULL;
  OGRFeatureDefnH defn;
  OGRSpatialReferenceH wgs84 = NULL;
  OGRCoordinateTransformationH to_wgs84 = NULL;
  OGRFeatureH feature;
  CmTable table;
  int n_fields;
  guint n_rows = 0, n_other = 0;
  g_autoptr(GHashTable) places = _cm_load_places_new ();
  const char * const sheet = load->options ? load->options->sheet : NULL;
  gboolean ok = FALSE;

  {
    g_autofree char *failure = NULL;

    if (!gdal_load (&failure))
      {
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL, "%s: %s", _(what), failure);
        return TRUE;
      }
  }
  p_CPLPushErrorHandler (quiet_errors);

  if (strstr (what, ".xls)") != NULL)
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL,
                          _("%s is not read; save it as .xlsx, .ods or CSV"), _(what));
      goto out;
    }
  /* A Shapefile needs its .dbf and .shx beside it: open it where it is.
   * The others are read from the bytes already in memory. */
  if (strstr (what, "Shapefile") == NULL || strstr (what, "ZIP") != NULL || path == NULL)
    {
      static gint counter;
      mem = g_strdup_printf ("/vsimem/chronomap-%d-%d", (int) getpid (), g_atomic_int_add (&counter, 1));
      p_VSIFCloseL (p_VSIFileFromMemBuffer (mem, (GByte *) load->data, (vsi_l_offset) load->len, FALSE));
      open_path = mem;
      if (strstr (what, "ZIP") != NULL)
        {
          if (zip_too_large (load, mem))
            goto out;
        }
      /* Some drivers (LIBKML for KMZ) go by the name: give it the one the
       * content calls for. */
      {
        const char *ext = zip_extension (mem, what);
        g_autofree char *named = g_strconcat (mem, ext, NULL);

        if (*ext && p_VSIRename (mem, named) == 0)
          {
            g_free (mem);
            mem = g_steal_pointer (&named);
            open_path = mem;
          }
      }
    }

  {
    /* The first row of a sheet names its columns, even when every cell
     * below is text too (GDAL's AUTO would call them Field1…). */
    const char *open_options[] = { "HEADERS=FORCE", "FIELD_TYPES=AUTO", NULL };

    /* GDAL 3.6's XLSX and ODS drivers take it as a configuration option
     * (measured: the open option alone still gave Field1…). */
    p_CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", "FORCE");
    p_CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", "FORCE");
    gdal = p_GDALOpenEx (open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, open_options, NULL);
  }
  if (gdal != NULL && strstr (what, "ZIP") != NULL && !has_rows (gdal))
    g_clear_pointer (&gdal, p_GDALClose);
  if (gdal == NULL && strstr (what, "ZIP") != NULL)
    {
      /* KMZ or a zipped Shapefile: the first file inside that GDAL reads. */
      g_autofree char *zip = g_strdup_printf ("/vsizip/{%s}", open_path);
      char **entries = p_VSIReadDirRecursive (zip);

      gdal = p_GDALOpenEx (zip, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
      for (guint i = 0; gdal == NULL && entries != NULL && entries[i] != NULL; i++)
        if (g_str_has_suffix (entries[i], ".kml") || g_str_has_suffix (entries[i], ".shp") ||
            g_str_has_suffix (entries[i], ".gpkg") || g_str_has_suffix (entries[i], ".gpx") ||
            g_str_has_suffix (entries[i], ".geojson") || g_str_has_suffix (entries[i], ".fgb"))
          {
            g_autofree char *inner = g_strdup_printf ("%s/%s", zip, entries[i]);
            gdal = p_GDALOpenEx (inner, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
            /* A KMZ's doc.kml may only point at the layers beside it. */
            if (gdal != NULL && !has_rows (gdal))
              g_clear_pointer (&gdal, p_GDALClose);
          }
      p_CSLDestroy (entries);
    }
  if (gdal == NULL)
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL, _("%s that GDAL cannot open: %s"), _(what),
                          *p_CPLGetLastErrorMsg () ? p_CPLGetLastErrorMsg () : _("no driver reads it"));
      goto out;
    }
  if (sheet != NULL)
    {
      layer = p_GDALDatasetGetLayerByName (gdal, sheet);
      if (layer == NULL)
        {
          GString *names = g_string_new (NULL);
          for (int i = 0; i < p_GDALDatasetGetLayerCount (gdal); i++)
            g_string_append_printf (names, "%s\"%s\"", i ? ", " : "", p_OGR_L_GetName (p_GDALDatasetGetLayer (gdal, i)));
          cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL,
                              _("--sheet \"%s\": no such sheet or layer; there are %s"), sheet, names->str);
          g_string_free (names, TRUE);
          goto out;
        }
    }
  else
    {
      /* The first layer of a GIS file whose rows have dates in date
       * fields (a GPX file's track points, when its waypoints and tracks
       * have none), else the first sheet or layer that has rows: a KMZ's
       * "doc" may be empty. A workbook's first sheet is its first. */
      for (int i = 0; i < p_GDALDatasetGetLayerCount (gdal) && layer == NULL && !is_workbook (gdal); i++)
        if (has_dated_rows (p_GDALDatasetGetLayer (gdal, i)))
          layer = p_GDALDatasetGetLayer (gdal, i);
      for (int i = 0; i < p_GDALDatasetGetLayerCount (gdal) && layer == NULL; i++)
        if (p_OGR_L_GetFeatureCount (p_GDALDatasetGetLayer (gdal, i), TRUE) != 0 ||
            i + 1 == p_GDALDatasetGetLayerCount (gdal))
          layer = p_GDALDatasetGetLayer (gdal, i);
    }
  if (layer == NULL)
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL, _("%s with no sheet or layer"), _(what));
      goto out;
    }
  if (load->preview != NULL)
    record_sheets (load->preview, gdal, layer);
  if (p_GDALDatasetGetLayerCount (gdal) > 1 && sheet == NULL)
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                        _("%d sheets or layers: \"%s\" is read (choose another with --sheet NAME)"),
                        p_GDALDatasetGetLayerCount (gdal), p_OGR_L_GetName (layer));

  defn = p_OGR_L_GetLayerDefn (layer);
  n_fields = p_OGR_FD_GetFieldCount (defn);
  if (n_fields > CM_CSV_MAX_COLUMNS)
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL,
                          _("%d columns, more than the limit of %d"), n_fields, CM_CSV_MAX_COLUMNS);
      goto out;
    }

  /* Any CRS to WGS 84, x as longitude. */
  if (p_OGR_L_GetSpatialRef (layer) != NULL)
    {
      wgs84 = p_OSRNewSpatialReference (NULL);
      p_OSRSetWellKnownGeogCS (wgs84, "WGS84");
      p_OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
      {
        OGRSpatialReferenceH src = p_OSRClone (p_OGR_L_GetSpatialRef (layer));
        p_OSRSetAxisMappingStrategy (src, OAMS_TRADITIONAL_GIS_ORDER);
        to_wgs84 = p_OCTNewCoordinateTransformation (src, wgs84);
        p_OSRDestroySpatialReference (src);
      }
    }

  cm_table_init (&table, load->data);
  for (int i = 0; i < n_fields; i++)
    cm_table_column (&table, p_OGR_Fld_GetNameRef (p_OGR_FD_GetFieldDefn (defn, i)));
  p_OGR_L_ResetReading (layer);
  while ((feature = p_OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = p_OGR_F_GetGeometryRef (feature);

      cm_table_begin_row (&table, G_MAXSIZE);
      for (int i = 0; i < n_fields; i++)
        {
          g_autofree char *text = NULL;

          if (!p_OGR_F_IsFieldSetAndNotNull (feature, i))
            continue;
          text = field_text (feature, i, p_OGR_Fld_GetType (p_OGR_FD_GetFieldDefn (defn, i)));
          if (text == NULL || *text == '\0')
            continue;
          if (strlen (text) > CM_CSV_MAX_FIELD_BYTES)
            {
              cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL,
                                  _("row %u, column \"%s\": a cell of %zu bytes, more than the limit of %d"),
                                  n_rows + 2, p_OGR_Fld_GetNameRef (p_OGR_FD_GetFieldDefn (defn, i)), strlen (text),
                                  CM_CSV_MAX_FIELD_BYTES);
              p_OGR_F_Destroy (feature);
              cm_table_clear (&table);
              goto out;
            }
          cm_table_set_text (&table, (guint) i, text);
        }
      if (geometry != NULL && wkbFlatten (p_OGR_G_GetGeometryType (geometry)) == wkbPoint)
        {
          double x = p_OGR_G_GetX (geometry, 0), y = p_OGR_G_GetY (geometry, 0), z = 0;

          if (to_wgs84 == NULL || p_OCTTransform (to_wgs84, 1, &x, &y, &z))
            cm_table_set_point (&table, y, x);
        }
      else if (geometry != NULL)
        n_other++;
      p_OGR_F_Destroy (feature);
      n_rows++;
      if ((n_rows & 4095) == 0 && !_cm_load_tick (load, CM_LOAD_READING (0.1)))
        break;
    }
  if (n_other > 0)
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%u row has a geometry other than a point and is shown on the timeline only",
                                     "%u rows have a geometry other than a point and are shown on the timeline only",
                                     n_other),
                        n_other);
  table.progress_from = 0.5;
  ds->format = CM_FORMAT_CSV;
  if (n_rows == 0)
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL, _("\"%s\" has no rows"), p_OGR_L_GetName (layer));
      /* Its columns still show in the Import dialog, beside the others. */
      if (load->preview != NULL)
        {
          CmFieldMap none = { .numbers = CM_NUMBERS_TEXT };

          for (guint r = 0; r < CM_N_ROLES; r++)
            none.column[r] = -1;
          _cm_import_preview_capture (load->preview, &table, &none, FALSE);
        }
    }
  else if (_cm_load_table (load, &table, CM_LOAD_ROWS, places))
    {
      _cm_load_finish_skips (load, n_rows, CM_LOAD_ROWS);
      if (ds->announcements->len == 0)
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL,
                            g_dngettext (GETTEXT_PACKAGE, "no usable row: %u row without a readable date",
                                         "no usable row: none of the %u rows has a readable date", n_rows),
                            n_rows);
    }
  if (ds->title == NULL)
    ds->title = g_strdup (p_OGR_L_GetName (layer));
  cm_table_clear (&table);
  ok = TRUE;

out:
  if (to_wgs84 != NULL)
    p_OCTDestroyCoordinateTransformation (to_wgs84);
  if (wgs84 != NULL)
    p_OSRDestroySpatialReference (wgs84);
  if (gdal != NULL)
    p_GDALClose (gdal);
  if (mem != NULL)
    p_VSIUnlink (mem);
  p_CPLPopErrorHandler ();
  return ok || !load->cancelled;
}
