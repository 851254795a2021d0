/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON Canvas (.canvas, Obsidian): real files from people import, draw
 * and go back out with every node, edge, id, position, size, colour,
 * label and text; our boards go out and come back with every field; and
 * hostile files are refused with one clear line, never a crash. */
#include "config.h"

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "eb-json.h"
#include "eb-jsoncanvas.h"
#include "eb-painter.h"
#include "eb-spatial-index.h"
#include "eb-test-util.h"

static GskRenderer *renderer;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static JsonObject *
parse_object (JsonParser *parser,
              const char *text,
              gssize      length)
{
  g_autoptr(GError) error = NULL;
  gsize skip = length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  json_parser_load_from_data (parser, text + skip, length < 0 ? -1 : (gssize) (length - skip), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* A member as text, the way our reader understands it: numbers that are
 * whole as integers (a colour 3 is "3"), NULL when absent. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      if (json_node_get_double (node) == floor (json_node_get_double (node)))
        return g_strdup_printf ("%.0f", json_node_get_double (node));
      return g_strdup_printf ("%.17g", json_node_get_double (node));
    default:
      g_assert_not_reached ();
    }
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  return llround (json_node_get_double (node));
}

static GHashTable *
index_by_id (JsonObject *root,
             const char *list)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = json_object_has_member (root, list) ? json_object_get_array_member (root, list) : NULL;
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      g_hash_table_insert (table, (gpointer) json_object_get_string_member (object, "id"), object);
    }
  return table;
}

static void
assert_same_member (JsonObject *in,
                    JsonObject *out,
                    const char *id,
                    const char *name,
                    const char *fallback)
{
  g_autofree char *a = member_text (in, name);
  g_autofree char *b = member_text (out, name);

  if (g_strcmp0 (a ? a : fallback, b ? b : fallback) != 0)
    g_error ("“%s”: “%s” was “%s”, is “%s”", id, name, a ? a : "(none)", b ? b : "(none)");
}

static gboolean
is_known_type (const char *type)
{
  return g_strcmp0 (type, "text") == 0 || g_strcmp0 (type, "file") == 0 ||
         g_strcmp0 (type, "link") == 0 || g_strcmp0 (type, "group") == 0;
}

static char *
canvas_dir (void)
{
  return g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "tests", "data", "jsoncanvas", NULL);
}

/* Every .canvas file of tests/data/jsoncanvas, sorted. The folder is
 * part of the source tree: none is a failure, not a skip. */
static GPtrArray *
list_canvas_files (void)
{
  g_autofree char *dir = canvas_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".canvas"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (files->len, >=, 7);
  return files;
}

static EbBoard *
read_canvas_text (const char          *text,
                  EbJsonCanvasReport  *report)
{
  g_autoptr(GError) error = NULL;
  EbBoard *board = eb_jsoncanvas_read_full (text, strlen (text), report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (board);
  return board;
}

static EbBoard *
round_trip (EbBoard *board)
{
  g_autofree char *text = eb_jsoncanvas_write (board, NULL);

  return read_canvas_text (text, NULL);
}

/* ------------------------------------------------------------------ */
/* Real files from Obsidian users                                      */
/* ------------------------------------------------------------------ */

/* The copies in tests/data are the files of ../shared/testdata, unchanged. */
static void
test_obsidian_copies (void)
{
  g_autoptr(GPtrArray) files = list_canvas_files ();
  const char *shared = "/work/shared/testdata/jsoncanvas";

  if (!g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no shared test data folder on this machine");
      return;
    }

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *base = g_path_get_basename (files->pdata[i]);
      g_autofree char *original = g_build_filename (shared, base, NULL);
      g_autofree char *a = NULL, *b = NULL;
      gsize la, lb;

      g_assert_true (g_file_get_contents (files->pdata[i], &a, &la, NULL));
      g_assert_true (g_file_get_contents (original, &b, &lb, NULL));
      g_assert_cmpmem (a, la, b, lb);
    }
}

/* Obsidian → board → .canvas keeps every node, edge, id, position, size,
 * colour, label, text, file, subpath and URL, group background, and
 * every edge (to groups too) with its ends, sides, colour and label. */
static void
test_obsidian_round_trip (void)
{
  g_autoptr(GPtrArray) files = list_canvas_files ();
  guint total_edges = 0, total_group_edges = 0;

  for (guint f = 0; f < files->len; f++)
    {
      const char *path = files->pdata[f];
      g_autofree char *input = NULL;
      g_autofree char *output = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = NULL;
      g_autoptr(EbBoard) again = NULL;
      g_autoptr(JsonParser) in_parser = json_parser_new ();
      g_autoptr(JsonParser) out_parser = json_parser_new ();
      g_autoptr(GHashTable) in_nodes = NULL, out_nodes = NULL, in_edges = NULL, out_edges = NULL;
      EbJsonCanvasReport report;
      GHashTableIter iter;
      gpointer key, value;
      guint known_nodes = 0, group_edges = 0, n_edges = 0;
      gsize length;

      g_test_message ("%s", path);
      g_assert_true (g_file_get_contents (path, &input, &length, NULL));
      board = eb_jsoncanvas_read_file_full (path, &report, &error);
      g_assert_no_error (error);
      output = eb_jsoncanvas_write (board, NULL);

      in_nodes = index_by_id (parse_object (in_parser, input, length), "nodes");
      in_edges = index_by_id (json_node_get_object (json_parser_get_root (in_parser)), "edges");
      out_nodes = index_by_id (parse_object (out_parser, output, -1), "nodes");
      out_edges = index_by_id (json_node_get_object (json_parser_get_root (out_parser)), "edges");

      g_hash_table_iter_init (&iter, in_nodes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          JsonObject *in = value;
          JsonObject *out = g_hash_table_lookup (out_nodes, key);
          static const char *fields[] = { "type", "color", "text", "file", "subpath", "url", "label",
                                          "background", "backgroundStyle" };

          if (!is_known_type (json_object_get_string_member (in, "type")))
            continue;
          known_nodes++;
          if (out == NULL)
            g_error ("%s: node “%s” is lost", path, (char *) key);

          for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
            assert_same_member (in, out, key, fields[i], NULL);
          g_assert_cmpint (member_int (in, "x"), ==, member_int (out, "x"));
          g_assert_cmpint (member_int (in, "y"), ==, member_int (out, "y"));
          g_assert_cmpint (member_int (in, "width"), ==, member_int (out, "width"));
          g_assert_cmpint (member_int (in, "height"), ==, member_int (out, "height"));
        }
      g_assert_cmpuint (g_hash_table_size (out_nodes), ==, known_nodes);

      g_hash_table_iter_init (&iter, in_edges);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          JsonObject *in = value;
          JsonObject *out = g_hash_table_lookup (out_edges, key);
          JsonObject *from = g_hash_table_lookup (in_nodes, json_object_get_string_member (in, "fromNode"));
          JsonObject *to = g_hash_table_lookup (in_nodes, json_object_get_string_member (in, "toNode"));

          g_assert_nonnull (from);
          g_assert_nonnull (to);
          /* Edges to groups are links to frames: kept like the others. */
          if (g_strcmp0 (json_object_get_string_member (from, "type"), "group") == 0 ||
              g_strcmp0 (json_object_get_string_member (to, "type"), "group") == 0)
            group_edges++;

          n_edges++;
          if (out == NULL)
            g_error ("%s: edge “%s” is lost", path, (char *) key);
          assert_same_member (in, out, key, "fromNode", NULL);
          assert_same_member (in, out, key, "toNode", NULL);
          assert_same_member (in, out, key, "fromEnd", "none");
          assert_same_member (in, out, key, "toEnd", "arrow");
          assert_same_member (in, out, key, "color", NULL);
          assert_same_member (in, out, key, "label", NULL);
          /* A side the file names is the link's; one it leaves out, we
           * choose on the way out (any will do). */
          if (json_object_has_member (in, "fromSide"))
            assert_same_member (in, out, key, "fromSide", NULL);
          if (json_object_has_member (in, "toSide"))
            assert_same_member (in, out, key, "toSide", NULL);
        }
      g_assert_cmpuint (g_hash_table_size (out_edges), ==, n_edges);
      g_assert_cmpuint (g_hash_table_size (out_edges), ==, g_hash_table_size (in_edges));
      total_edges += n_edges;
      total_group_edges += group_edges;
      g_assert_cmpuint (report.n_dangling_edges, ==, 0);
      g_assert_cmpuint (report.n_unknown_nodes, ==, 0);

      /* And what we wrote reads back as the same board. */
      again = read_canvas_text (output, NULL);
      eb_test_assert_boards_equal (board, again);
    }

  /* The corpus does have edges to groups, and they all came through. */
  g_test_message ("%u edges, %u of them to or from groups", total_edges, total_group_edges);
  g_assert_cmpuint (total_group_edges, >=, 10);
  g_assert_cmpuint (total_edges, >, total_group_edges);
}

static GdkTexture *
render_board (EbBoard *board,
              EbRect  *area,
              double  *scale)
{
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GListModel *lists[] = { eb_board_get_cards (board), eb_board_get_frames (board) };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  graphene_rect_t viewport;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);
        double x, y, w, h;

        g_object_get (item, "x", &x, "y", &y, "width", &w, "height", &h, NULL);
        x0 = MIN (x0, x);
        y0 = MIN (y0, y);
        x1 = MAX (x1, x + w);
        y1 = MAX (y1, y + h);
      }

  *area = (EbRect) { x0 - 20, y0 - 20, x1 - x0 + 40, y1 - y0 + 40 };
  *scale = MIN (1.0, 1600 / MAX (area->width, area->height));
  viewport = GRAPHENE_RECT_INIT (0, 0, ceil (area->width * *scale), ceil (area->height * *scale));

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &viewport);
  gtk_snapshot_scale (snapshot, *scale, *scale);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-area->x, -area->y));
  eb_painter_snapshot (painter, snapshot, area, *scale, NULL);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return gsk_renderer_render_texture (renderer, node, &viewport);
}

static void
side_middle (EbItem           *end,
             EbLinkSide        side,
             graphene_point_t *point)
{
  double x, y, w, h;

  eb_link_end_get_bounds (end, &x, &y, &w, &h);
  switch (side)
    {
    case EB_LINK_SIDE_TOP: *point = GRAPHENE_POINT_INIT (x + w / 2, y); break;
    case EB_LINK_SIDE_RIGHT: *point = GRAPHENE_POINT_INIT (x + w, y + h / 2); break;
    case EB_LINK_SIDE_BOTTOM: *point = GRAPHENE_POINT_INIT (x + w / 2, y + h); break;
    case EB_LINK_SIDE_LEFT: *point = GRAPHENE_POINT_INIT (x, y + h / 2); break;
    case EB_LINK_SIDE_NONE:
    default: g_assert_not_reached ();
    }
}

static gboolean
on_border (EbItem                 *end,
           const graphene_point_t *p)
{
  double x, y, w, h;
  gboolean within_x, within_y;

  eb_link_end_get_bounds (end, &x, &y, &w, &h);
  within_x = p->x >= x - 0.01 && p->x <= x + w + 0.01;
  within_y = p->y >= y - 0.01 && p->y <= y + h + 0.01;
  return (within_y && (fabs (p->x - x) < 0.01 || fabs (p->x - x - w) < 0.01)) ||
         (within_x && (fabs (p->y - y) < 0.01 || fabs (p->y - y - h) < 0.01));
}

/* Where the file names a side, the drawn edge starts or ends at the
 * middle of that side, of a card or of a group; every end touches the
 * border of what it joins. */
static void
test_obsidian_sides_drawn (void)
{
  g_autoptr(GPtrArray) files = list_canvas_files ();
  guint n_sided = 0, n_frame_ends = 0;

  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = eb_jsoncanvas_read_file (files->pdata[f], &error);
      g_autoptr(EbSpatialIndex) index = NULL;
      g_autoptr(EbPainter) painter = NULL;
      GListModel *links;

      g_assert_no_error (error);
      index = eb_spatial_index_new (board);
      painter = eb_painter_new (board, index);
      links = eb_board_get_links (board);
      for (guint i = 0; i < g_list_model_get_n_items (links); i++)
        {
          g_autoptr(EbLink) link = g_list_model_get_item (links, i);
          EbItem *ends[2] = { eb_board_lookup_link_end (board, eb_link_get_from_id (link)),
                              eb_board_lookup_link_end (board, eb_link_get_to_id (link)) };
          EbLinkSide sides[2] = { eb_link_get_from_side (link), eb_link_get_to_side (link) };
          graphene_point_t p[4];

          eb_painter_link_ends (painter, link, p);
          for (guint e = 0; e < 2; e++)
            {
              const graphene_point_t *at = &p[e == 0 ? 0 : 3];

              g_assert_nonnull (ends[e]);
              g_assert_true (on_border (ends[e], at));
              if (EB_IS_FRAME (ends[e]))
                n_frame_ends++;
              if (sides[e] != EB_LINK_SIDE_NONE)
                {
                  graphene_point_t middle;

                  side_middle (ends[e], sides[e], &middle);
                  g_assert_cmpfloat_with_epsilon (at->x, middle.x, 0.01);
                  g_assert_cmpfloat_with_epsilon (at->y, middle.y, 0.01);
                  n_sided++;
                }
            }
        }
    }
  g_test_message ("%u ends at a named side, %u at frames", n_sided, n_frame_ends);
  g_assert_cmpuint (n_sided, >, 0);
  g_assert_cmpuint (n_frame_ends, >=, 10);
}

/* A link to a frame with no side meets the frame's border at the point
 * nearest the card, from outside and from inside; links are found where
 * they are drawn. */
static void
test_draw_links_to_frames (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbFrame) frame = eb_frame_new ("Moscow", 0, 0, 600, 400);
  g_autoptr(EbCard) outside = eb_card_new (EB_CARD_KIND_PERSON);
  g_autoptr(EbCard) inside = eb_card_new (EB_CARD_KIND_PERSON);
  g_autoptr(EbCard) below = eb_card_new (EB_CARD_KIND_EVENT);
  g_autoptr(EbLink) from_outside = NULL, from_inside = NULL, sided = NULL;
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GPtrArray) found = NULL;
  const char *save_dir = g_getenv ("EB_TEST_SCREENSHOTS");
  graphene_point_t p[4];
  EbRect area;
  double scale;

  g_object_set (outside, "title", "Bashar al-Assad", "x", 900.0, "y", 250.0, NULL);
  g_object_set (inside, "title", "Vladimir Putin", "x", 40.0, "y", 150.0, NULL);
  g_object_set (below, "title", "Asylum granted", "x", 200.0, "y", 600.0, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (frame), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (outside), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (inside), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (below), NULL));
  from_outside = eb_link_new (eb_item_get_id (EB_ITEM (outside)), eb_item_get_id (EB_ITEM (frame)),
                              EB_LINK_KIND_RELATED, "fled to");
  from_inside = eb_link_new (eb_item_get_id (EB_ITEM (inside)), eb_item_get_id (EB_ITEM (frame)),
                             EB_LINK_KIND_SUPPORTS, NULL);
  sided = eb_link_new (eb_item_get_id (EB_ITEM (frame)), eb_item_get_id (EB_ITEM (below)),
                       EB_LINK_KIND_CONTRADICTS, NULL);
  g_object_set (sided, "from-side", EB_LINK_SIDE_BOTTOM, "to-side", EB_LINK_SIDE_LEFT, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (from_outside), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (from_inside), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (sided), NULL));

  /* From the card on the right: the frame's right side, level with the
   * card's middle (y 250 + 50). */
  eb_painter_link_ends (painter, from_outside, p);
  g_assert_cmpfloat_with_epsilon (p[3].x, 600, 0.01);
  g_assert_cmpfloat_with_epsilon (p[3].y, 300, 0.01);
  g_assert_cmpfloat_with_epsilon (p[0].x, 900, 0.01);

  /* From a card inside, near the left side: that side, not the middle. */
  eb_painter_link_ends (painter, from_inside, p);
  g_assert_cmpfloat_with_epsilon (p[3].x, 0, 0.01);
  g_assert_true (p[3].y > 0 && p[3].y < 400);

  /* Named sides: the middle of the frame's bottom, of the card's left. */
  eb_painter_link_ends (painter, sided, p);
  g_assert_cmpfloat_with_epsilon (p[0].x, 300, 0.01);
  g_assert_cmpfloat_with_epsilon (p[0].y, 400, 0.01);
  g_assert_cmpfloat_with_epsilon (p[3].x, 200, 0.01);
  g_assert_cmpfloat_with_epsilon (p[3].y, 650, 0.01);

  /* The spatial index finds the links near their frame ends, so the
   * canvas can hit and draw them there. */
  found = eb_spatial_index_query_links (index, &(EbRect) { 595, 295, 10, 10 });
  g_assert_true (g_ptr_array_find (found, from_outside, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = eb_spatial_index_query_links (index, &(EbRect) { 295, 395, 10, 10 });
  g_assert_true (g_ptr_array_find (found, sided, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Moving the frame moves the ends of its links, in the index too. */
  g_object_set (frame, "x", -200.0, NULL);
  eb_painter_link_ends (painter, from_outside, p);
  g_assert_cmpfloat_with_epsilon (p[3].x, 400, 0.01);
  found = eb_spatial_index_query_links (index, &(EbRect) { -5, 395, 10, 10 });
  g_assert_true (g_ptr_array_find (found, from_outside, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);
  g_object_set (frame, "x", 0.0, NULL);

  texture = render_board (board, &area, &scale);
  if (save_dir != NULL)
    eb_test_save_texture (texture, save_dir, "links-to-frames.png");
}

/* Each file draws: where each card is, the picture is not blank. */
static void
test_obsidian_render (void)
{
  g_autoptr(GPtrArray) files = list_canvas_files ();
  const char *save_dir = g_getenv ("EB_TEST_SCREENSHOTS");

  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = eb_jsoncanvas_read_file (files->pdata[f], &error);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(EbTestImage) image = NULL;
      GListModel *cards;
      EbRect area;
      double scale;
      guint n;

      g_assert_no_error (error);
      texture = render_board (board, &area, &scale);
      image = eb_test_image_download (texture);
      if (save_dir != NULL)
        {
          g_autofree char *base = g_path_get_basename (files->pdata[f]);
          g_autofree char *name = g_strconcat (base, ".png", NULL);

          eb_test_save_texture (texture, save_dir, name);
        }

      cards = eb_board_get_cards (board);
      n = g_list_model_get_n_items (cards);
      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EbCard) card = g_list_model_get_item (cards, i);
          int px = (int) ((eb_card_get_x (card) + eb_card_get_width (card) / 2 - area.x) * scale);
          int py = (int) ((eb_card_get_y (card) + 8 - area.y) * scale);
          GdkRGBA pixel;

          /* Near the top middle: the card's fill or its title, never
           * the white page. */
          eb_test_image_pixel (image, px, py, &pixel);
          if (eb_test_color_near (&pixel, &(GdkRGBA) { 1, 1, 1, 1 }, 0.01))
            g_error ("%s: card “%s” is not drawn at %d,%d", (char *) files->pdata[f],
                     eb_item_get_id (EB_ITEM (card)), px, py);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Our boards                                                          */
/* ------------------------------------------------------------------ */

/* Every field of every kind set, at fractional positions, with preset
 * and hex colours, every link kind and direction. */
static EbBoard *
full_board (void)
{
  EbBoard *board = eb_board_new ();
  gint64 t = G_GINT64_CONSTANT (1733668205123456);

  eb_board_set_title (board, "Assad’s asylum\nsecond line");
  eb_test_take_item (board, g_object_new (EB_TYPE_FRAME, "id", "frame", "label", "December 2024", "color", "5",
                            "x", -40.25, "y", -30.5, "width", 1200.5, "height", 800.0,
                            "created", t, "modified", t + 1, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_FRAME, "id", "frame2", "x", 2000.0, "y", 0.0,
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "assad", "kind", EB_CARD_KIND_PERSON,
                            "title", "Bashar al-Assad", "aliases", "Bashar al-Assad\tبشار الأسد",
                            "role", "President of Syria until 8 Dec 2024", "notes", "Fled \"to\" Moscow.\n\n- *asylum*",
                            "color", "#A1b2C3", "x", 10.7, "y", -20.2, "width", 220.0, "height", 100.5,
                            "created", t, "modified", t + 2, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "flight", "kind", EB_CARD_KIND_EVENT,
                            "title", "Flight to Moscow", "date", "2024-12-08T01:30", "end-date", "2024-12-09",
                            "place", "Hmeimim → Moscow", "color", "3", "x", 300.0, "y", 0.0,
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "tass", "kind", EB_CARD_KIND_SOURCE,
                            "title", "Kremlin source: Assad in Moscow", "publisher", "TASS", "date", "2024-12",
                            "url", "https://tass.com/politics/1884327 (x)", "grade", EB_GRADE_B,
                            "notes", "Cites an unnamed Kremlin source.", "x", 600.0, "y", 0.0,
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "undated", "kind", EB_CARD_KIND_EVENT,
                            "end-date", "2025", "x", 900.0, "y", 0.0, "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "bare-note", "kind", EB_CARD_KIND_NOTE,
                            "notes", "# A note\n\nJust **Markdown**.", "x", 0.0, "y", 300.0,
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "titled-note", "kind", EB_CARD_KIND_NOTE,
                            "title", "Open question", "x", 300.0, "y", 300.0, "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "empty-note", "kind", EB_CARD_KIND_NOTE,
                            "x", 600.0, "y", 300.0, "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "web", "kind", EB_CARD_KIND_SOURCE,
                            "url", "https://www.reuters.com/world/middle-east/", "x", 0.0, "y", 600.0,
                            "color", "1", "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "vault", "kind", EB_CARD_KIND_SOURCE,
                            "url", "Reports/Jaafari.md#Denial#Second", "x", 300.0, "y", 600.0,
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "named-web", "kind", EB_CARD_KIND_SOURCE,
                            "title", "https://tass.com", "url", "https://tass.com", "x", 900.0, "y", 600.0,
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "person-url", "kind", EB_CARD_KIND_PERSON,
                            "url", "https://example.org/jaafari", "x", 600.0, "y", 600.0,
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "l1", "from-id", "tass", "to-id", "flight",
                            "kind", EB_LINK_KIND_REPORTED_BY, "label", "reports", "credibility", 2u,
                            "direction", EB_LINK_DIRECTION_FORWARD, "color", "6",
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "l2", "from-id", "assad", "to-id", "flight",
                            "kind", EB_LINK_KIND_SUPPORTS, "direction", EB_LINK_DIRECTION_BOTH,
                            "color", "#00ff00", "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "l3", "from-id", "web", "to-id", "vault",
                            "kind", EB_LINK_KIND_CONTRADICTS, "direction", EB_LINK_DIRECTION_NONE,
                            "credibility", 6u, "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "l4", "from-id", "bare-note", "to-id", "bare-note",
                            "created", t, "modified", t, NULL));
  return board;
}

static JsonObject *
find_by_id (JsonObject *root,
            const char *list,
            const char *id)
{
  g_autoptr(GHashTable) table = index_by_id (root, list);
  JsonObject *object = g_hash_table_lookup (table, id);

  g_assert_nonnull (object);
  return object;
}

/* board → .canvas → board loses nothing, and the canvas reads well. */
static void
test_board_round_trip (void)
{
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(EbBoard) again = round_trip (board);
  g_autofree char *text = eb_jsoncanvas_write (board, NULL);
  g_autofree char *twice = eb_jsoncanvas_write (again, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (parser, text, -1);
  JsonArray *nodes = json_object_get_array_member (root, "nodes");
  JsonObject *node;

  eb_test_assert_boards_equal (board, again);
  g_assert_cmpstr (text, ==, twice);

  /* Exact in what we write: integers, the spec's names. */
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      static const char *names[] = { "x", "y", "width", "height" };
      JsonObject *n = json_array_get_object_element (nodes, i);

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        g_assert_cmpint (json_node_get_value_type (json_object_get_member (n, names[j])), ==, G_TYPE_INT64);
    }

  node = find_by_id (root, "nodes", "assad");
  g_assert_cmpstr (json_object_get_string_member (node, "type"), ==, "text");
  g_assert_cmpint (json_object_get_int_member (node, "x"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (node, "height"), ==, 101);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (node, "text"), "## Bashar al-Assad\n\n"));
  g_assert_nonnull (strstr (json_object_get_string_member (node, "text"), "**Role:** President of Syria"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (node, "text"), "- *asylum*"));

  node = find_by_id (root, "nodes", "tass");
  g_assert_nonnull (strstr (json_object_get_string_member (node, "text"),
                            "[https://tass.com/politics/1884327 (x)](https://tass.com/politics/1884327%20%28x%29)"));
  g_assert_nonnull (strstr (json_object_get_string_member (node, "text"), "**Grade:** B"));

  node = find_by_id (root, "nodes", "bare-note");
  g_assert_cmpstr (json_object_get_string_member (node, "text"), ==, "# A note\n\nJust **Markdown**.");

  node = find_by_id (root, "nodes", "web");
  g_assert_cmpstr (json_object_get_string_member (node, "type"), ==, "link");
  g_assert_cmpstr (json_object_get_string_member (node, "url"), ==, "https://www.reuters.com/world/middle-east/");
  g_assert_cmpstr (json_object_get_string_member (node, "color"), ==, "1");

  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (node, "evidenceboard"), "untitled"));

  node = find_by_id (root, "nodes", "named-web");
  g_assert_cmpstr (json_object_get_string_member (node, "type"), ==, "link");
  g_assert_false (json_object_has_member (json_object_get_object_member (node, "evidenceboard"), "untitled"));

  node = find_by_id (root, "nodes", "vault");
  g_assert_cmpstr (json_object_get_string_member (node, "type"), ==, "file");
  g_assert_cmpstr (json_object_get_string_member (node, "file"), ==, "Reports/Jaafari.md");
  g_assert_cmpstr (json_object_get_string_member (node, "subpath"), ==, "#Denial#Second");

  node = find_by_id (root, "nodes", "frame");
  g_assert_cmpstr (json_object_get_string_member (node, "type"), ==, "group");
  g_assert_cmpstr (json_object_get_string_member (node, "label"), ==, "December 2024");
  g_assert_cmpstr (json_object_get_string_member (node, "color"), ==, "5");

  node = find_by_id (root, "edges", "l1");
  g_assert_false (json_object_has_member (node, "fromEnd"));
  g_assert_false (json_object_has_member (node, "toEnd"));
  g_assert_cmpstr (json_object_get_string_member (node, "label"), ==, "reports");
  g_assert_cmpstr (json_object_get_string_member (node, "fromSide"), ==, "left");
  g_assert_cmpstr (json_object_get_string_member (node, "toSide"), ==, "right");
  node = find_by_id (root, "edges", "l2");
  g_assert_cmpstr (json_object_get_string_member (node, "fromEnd"), ==, "arrow");
  node = find_by_id (root, "edges", "l3");
  g_assert_cmpstr (json_object_get_string_member (node, "toEnd"), ==, "none");
}

static void
test_sample_round_trip (void)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbBoard) again = round_trip (board);

  g_assert_cmpuint (eb_board_get_n_items (board), >, 40);
  eb_test_assert_boards_equal (board, again);
}

/* Text edited in Obsidian wins over what our key remembers; a node moved
 * there lands where it was moved. */
static void
test_edited_in_obsidian (void)
{
  g_autoptr(EbBoard) board = full_board ();
  g_autofree char *text = eb_jsoncanvas_write (board, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(EbBoard) edited = NULL;
  g_autofree char *edited_text = NULL;
  JsonObject *root = parse_object (parser, text, -1);
  JsonObject *node = find_by_id (root, "nodes", "assad");
  EbCard *card;

  json_object_set_string_member (node, "text", "## Bashar al-Assad\n\nNow in Moscow.");
  json_object_set_int_member (node, "x", 500);
  json_object_set_string_member (node, "color", "2");
  json_generator_set_root (generator, json_parser_get_root (parser));
  edited_text = json_generator_to_data (generator, NULL);

  edited = read_canvas_text (edited_text, NULL);
  card = eb_board_lookup_card (edited, "assad");
  g_assert_nonnull (card);
  g_assert_cmpint (eb_card_get_kind (card), ==, EB_CARD_KIND_PERSON);
  g_assert_cmpstr (eb_card_get_notes (card), ==, "## Bashar al-Assad\n\nNow in Moscow.");
  g_assert_cmpfloat (eb_card_get_x (card), ==, 500);
  g_assert_cmpfloat (eb_card_get_y (card), ==, -20.2);
  g_assert_cmpstr (eb_card_get_color (card), ==, "2");
}

/* Links to frames, sides and group backgrounds: board → .canvas → board
 * keeps them, the file says them as the spec does, a side we chose is
 * not taken for the link's, and one changed in another tool is kept. */
static void
test_board_sides_and_backgrounds (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbCard) a = eb_card_new (EB_CARD_KIND_PERSON);
  g_autoptr(EbCard) b = eb_card_new (EB_CARD_KIND_SOURCE);
  g_autoptr(EbFrame) frame = eb_frame_new ("April 2025", -50, -50, 900, 400);
  g_autoptr(EbFrame) bare = eb_frame_new (NULL, 1200, 0, 300, 300);
  g_autoptr(EbLink) sided = NULL, to_frame = NULL, frames = NULL, automatic = NULL;
  g_autoptr(EbBoard) again = NULL;
  g_autoptr(EbBoard) edited = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  JsonObject *root, *node;

  g_object_set (a, "title", "Bashar al-Jaafari", NULL);
  g_object_set (b, "title", "RT Arabic", "x", 500.0, NULL);
  g_object_set (frame, "background", "Attachments/damascus.jpg", "background-style",
                EB_FRAME_BACKGROUND_STYLE_RATIO, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (a), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (b), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (frame), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (bare), NULL));

  sided = eb_link_new (eb_item_get_id (EB_ITEM (a)), eb_item_get_id (EB_ITEM (b)), EB_LINK_KIND_REPORTED_BY, "reported by");
  g_object_set (sided, "from-side", EB_LINK_SIDE_BOTTOM, "to-side", EB_LINK_SIDE_TOP, NULL);
  to_frame = eb_link_new (eb_item_get_id (EB_ITEM (b)), eb_item_get_id (EB_ITEM (frame)), EB_LINK_KIND_SUPPORTS, NULL);
  g_object_set (to_frame, "to-side", EB_LINK_SIDE_LEFT, NULL);
  frames = eb_link_new (eb_item_get_id (EB_ITEM (frame)), eb_item_get_id (EB_ITEM (bare)), EB_LINK_KIND_RELATED, "then");
  automatic = eb_link_new (eb_item_get_id (EB_ITEM (a)), eb_item_get_id (EB_ITEM (b)), EB_LINK_KIND_RELATED, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (sided), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (to_frame), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (frames), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (automatic), NULL));

  again = round_trip (board);
  eb_test_assert_boards_equal (board, again);
  g_assert_cmpint (eb_link_get_from_side (EB_LINK (eb_board_lookup (again, eb_item_get_id (EB_ITEM (sided))))),
                   ==, EB_LINK_SIDE_BOTTOM);
  g_assert_cmpint (eb_link_get_to_side (EB_LINK (eb_board_lookup (again, eb_item_get_id (EB_ITEM (automatic))))),
                   ==, EB_LINK_SIDE_NONE);

  text = eb_jsoncanvas_write (board, NULL);
  root = parse_object (parser, text, -1);
  node = find_by_id (root, "nodes", eb_item_get_id (EB_ITEM (frame)));
  g_assert_cmpstr (json_object_get_string_member (node, "background"), ==, "Attachments/damascus.jpg");
  g_assert_cmpstr (json_object_get_string_member (node, "backgroundStyle"), ==, "ratio");
  node = find_by_id (root, "nodes", eb_item_get_id (EB_ITEM (bare)));
  g_assert_false (json_object_has_member (node, "background"));
  g_assert_false (json_object_has_member (node, "backgroundStyle"));

  node = find_by_id (root, "edges", eb_item_get_id (EB_ITEM (sided)));
  g_assert_cmpstr (json_object_get_string_member (node, "fromSide"), ==, "bottom");
  g_assert_cmpstr (json_object_get_string_member (node, "toSide"), ==, "top");
  node = find_by_id (root, "edges", eb_item_get_id (EB_ITEM (to_frame)));
  g_assert_cmpstr (json_object_get_string_member (node, "toNode"), ==, eb_item_get_id (EB_ITEM (frame)));
  g_assert_cmpstr (json_object_get_string_member (node, "toSide"), ==, "left");
  /* Obsidian gets a side for every end, the chosen ones too. */
  node = find_by_id (root, "edges", eb_item_get_id (EB_ITEM (automatic)));
  g_assert_cmpstr (json_object_get_string_member (node, "fromSide"), ==, "right");
  g_assert_cmpstr (json_object_get_string_member (node, "toSide"), ==, "left");

  /* Someone drags that edge's end to the card's bottom in Obsidian. */
  changed = g_strdup (text);
  {
    char *at = strstr (changed, eb_item_get_id (EB_ITEM (automatic)));
    char *to_side;

    g_assert_nonnull (at);
    to_side = strstr (at, "\"toSide\":\"left\"");
    g_assert_nonnull (to_side);
    memcpy (to_side, "\"toSide\":\"top\" ", strlen ("\"toSide\":\"top\" "));
  }
  edited = read_canvas_text (changed, NULL);
  g_assert_cmpint (eb_link_get_to_side (EB_LINK (eb_board_lookup (edited, eb_item_get_id (EB_ITEM (automatic))))),
                   ==, EB_LINK_SIDE_TOP);
  g_assert_cmpint (eb_link_get_from_side (EB_LINK (eb_board_lookup (edited, eb_item_get_id (EB_ITEM (automatic))))),
                   ==, EB_LINK_SIDE_NONE);
}

/* ------------------------------------------------------------------ */
/* Lenient reading                                                     */
/* ------------------------------------------------------------------ */

static void
test_lenient (void)
{
  /* Edges first, fractions, numeric colours, no sides, unknown keys,
   * a group with a background, missing optional fields. */
  const char *text =
    "{\"edges\":[{\"id\":\"e1\",\"fromNode\":\"a\",\"toNode\":\"b\",\"styleAttributes\":{},\"color\":4},"
    "{\"id\":\"e2\",\"fromNode\":\"a\",\"toNode\":\"b\",\"fromEnd\":\"arrow\",\"toEnd\":\"none\"},"
    "{\"id\":\"e3\",\"fromNode\":\"a\",\"toNode\":\"nowhere\"},"
    "{\"id\":\"e4\",\"fromNode\":\"g\",\"toNode\":\"b\"},"
    "{\"id\":\"e5\",\"fromNode\":\"a\",\"toNode\":\"b\",\"fromEnd\":\"arrow\"}],"
    "\"nodes\":[{\"type\":\"group\",\"id\":\"g\",\"x\":-100,\"y\":-100,\"width\":900,\"height\":600,"
    "\"label\":\"Group\",\"background\":\"img.png\",\"backgroundStyle\":\"cover\"},"
    "{\"id\":\"a\",\"type\":\"text\",\"x\":12.7,\"y\":0,\"width\":250,\"height\":60.2,\"text\":\"A\",\"color\":3.0,"
    "\"plugin\":{\"deep\":[1,2,3]}},"
    "{\"id\":\"b\",\"type\":\"text\",\"x\":400,\"y\":0,\"width\":250,\"height\":60},"
    "{\"id\":\"w\",\"type\":\"widget\",\"x\":0,\"y\":0,\"width\":1,\"height\":1},"
    "{\"id\":\"f\",\"type\":\"file\",\"x\":0,\"y\":300,\"width\":400,\"height\":400,\"file\":\"a b/c.png\"}],"
    "\"metadata\":{\"version\":\"1.0-1.0\"}}";
  EbJsonCanvasReport report;
  g_autoptr(EbBoard) board = read_canvas_text (text, &report);
  g_autofree char *said = eb_jsoncanvas_report_describe (&report);
  EbCard *a = eb_board_lookup_card (board, "a");
  EbCard *f = eb_board_lookup_card (board, "f");
  EbFrame *g = EB_FRAME (eb_board_lookup (board, "g"));
  EbLink *e1 = EB_LINK (eb_board_lookup (board, "e1"));
  EbLink *e2 = EB_LINK (eb_board_lookup (board, "e2"));
  EbLink *e5 = EB_LINK (eb_board_lookup (board, "e5"));
  EbLink *e4 = EB_LINK (eb_board_lookup (board, "e4"));

  g_assert_cmpuint (report.n_dangling_edges, ==, 1);
  g_assert_cmpuint (report.n_unknown_nodes, ==, 1);
  g_assert_cmpstr (said, ==, "left out 1 edge to a missing node, 1 node of an unknown type");

  /* An edge from a group is a link from its frame; the group keeps its
   * background image; no sides in the file, none on the links. */
  g_assert_nonnull (e4);
  g_assert_cmpstr (eb_link_get_from_id (e4), ==, "g");
  g_assert_cmpstr (eb_link_get_to_id (e4), ==, "b");
  g_assert_cmpint (eb_link_get_from_side (e4), ==, EB_LINK_SIDE_NONE);
  g_assert_cmpint (eb_link_get_to_side (e1), ==, EB_LINK_SIDE_NONE);
  g_assert_cmpstr (eb_frame_get_background (g), ==, "img.png");
  g_assert_cmpint (eb_frame_get_background_style (g), ==, EB_FRAME_BACKGROUND_STYLE_COVER);

  g_assert_cmpfloat (eb_card_get_x (a), ==, 12.7);
  g_assert_cmpfloat (eb_card_get_height (a), ==, 60.2);
  g_assert_cmpstr (eb_card_get_color (a), ==, "3");
  g_assert_cmpstr (eb_card_get_notes (a), ==, "A");
  g_assert_cmpint (eb_card_get_kind (a), ==, EB_CARD_KIND_NOTE);
  g_assert_null (eb_card_get_notes (eb_board_lookup_card (board, "b")));
  g_assert_cmpint (eb_card_get_kind (f), ==, EB_CARD_KIND_SOURCE);
  g_assert_cmpstr (eb_card_get_url (f), ==, "a b/c.png");
  /* Named by its path, so the card says what it is. */
  g_assert_cmpstr (eb_card_get_title (f), ==, "a b/c.png");
  g_assert_cmpstr (eb_frame_get_label (g), ==, "Group");

  g_assert_cmpstr (eb_link_get_color (e1), ==, "4");
  g_assert_cmpint (eb_link_get_direction (e1), ==, EB_LINK_DIRECTION_FORWARD);
  /* An arrow only at the start: the same link, drawn the other way. */
  g_assert_cmpstr (eb_link_get_from_id (e2), ==, "b");
  g_assert_cmpstr (eb_link_get_to_id (e2), ==, "a");
  g_assert_cmpint (eb_link_get_direction (e2), ==, EB_LINK_DIRECTION_FORWARD);
  g_assert_cmpint (eb_link_get_direction (e5), ==, EB_LINK_DIRECTION_BOTH);
}

static void
test_empty_canvases (void)
{
  static const char *texts[] = {
    "{}",
    "{\"nodes\":[],\"edges\":[]}",
    "\xef\xbb\xbf{\"nodes\":[]}",
    "{\"nodes\":null}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(EbBoard) board = read_canvas_text (texts[i], NULL);
      g_autofree char *text = eb_jsoncanvas_write (board, NULL);

      g_assert_cmpuint (eb_board_get_n_items (board), ==, 0);
      g_assert_cmpstr (text, ==, "{\n\t\"nodes\":[],\n\t\"edges\":[]\n}\n");
    }

  /* Only edges: all of them dangle. */
  {
    EbJsonCanvasReport report;
    g_autoptr(EbBoard) board = read_canvas_text ("{\"edges\":[{\"id\":\"e\",\"fromNode\":\"a\",\"toNode\":\"b\"},"
                                                 "{\"id\":\"f\",\"fromNode\":\"a\",\"toNode\":\"a\"}]}", &report);

    g_assert_cmpuint (eb_board_get_n_items (board), ==, 0);
    g_assert_cmpuint (report.n_dangling_edges, ==, 2);
  }
}

/* ------------------------------------------------------------------ */
/* Hostile files                                                       */
/* ------------------------------------------------------------------ */

static char *
node_with (const char *members)
{
  return g_strdup_printf ("{\"nodes\":[{\"id\":\"n\",\"type\":\"text\",\"x\":0,\"y\":0,\"width\":10,\"height\":10%s%s}]}",
                          members[0] ? "," : "", members);
}

static void
test_hostile (void)
{
  g_autofree char *deep = eb_test_nest ("[", 100000);
  g_autofree char *deep_objects = g_strconcat ("{\"nodes\":", deep, NULL);
  g_autofree char *huge_text = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *x_1e300 = node_with ("\"x\":1e300");
  g_autofree char *x_1e400 = node_with ("\"x\":1e400");
  g_autofree char *x_nan = node_with ("\"x\":\"NaN\"");
  g_autofree char *x_big = node_with ("\"y\":9223372036854775808");
  g_autofree char *w_zero = node_with ("\"width\":0");
  g_autofree char *w_neg = node_with ("\"height\":-5");
  g_autofree char *bad_color = node_with ("\"color\":\"red\"");
  g_autofree char *bad_preset = node_with ("\"color\":7");
  g_autofree char *bad_ns = node_with ("\"evidenceboard\":[1]");
  g_autofree char *bad_kind = node_with ("\"evidenceboard\":{\"kind\":\"dragon\"}");
  g_autofree char *bad_date = node_with ("\"evidenceboard\":{\"date\":\"yesterday\"}");
  g_autofree char *bad_time = node_with ("\"evidenceboard\":{\"created\":-1}");
  g_autofree char *bad_text = node_with ("\"text\":12");
  GString *big = g_string_new ("{\"nodes\":[{\"id\":\"n\",\"type\":\"text\",\"x\":0,\"y\":0,\"width\":10,\"height\":10,\"text\":\"");
  struct {
    const char *name;
    const char *text;
    gssize length;
    const char *reason;
  } cases[] = {
    { "empty", "", 0, "empty" },
    { "spaces", "  \n", -1, NULL },
    { "array", "[]", -1, "not an object" },
    { "deep arrays", deep, -1, "nested" },
    { "deep in nodes", deep_objects, -1, "nested" },
    { "1e300", x_1e300, -1, "“x”" },
    { "1e400", x_1e400, -1, NULL },
    { "past 2^63", x_big, -1, NULL },
    { "NaN string", x_nan, -1, "“x” must be a number" },
    { "width 0", w_zero, -1, "“width”" },
    { "height < 0", w_neg, -1, "“height”" },
    { "colour red", bad_color, -1, "“color”" },
    { "preset 7", bad_preset, -1, "“color”" },
    { "our key not an object", bad_ns, -1, "“evidenceboard”" },
    { "unknown kind", bad_kind, -1, "“kind”" },
    { "bad date", bad_date, -1, "“date”" },
    { "bad time", bad_time, -1, "“created”" },
    { "text a number", bad_text, -1, "“text”" },
    { "invalid UTF-8", "{\"nodes\":[{\"id\":\"n\",\"type\":\"text\",\"text\":\"\xff\xfe\"}]}", -1, NULL },
    { "single quotes", "{'nodes':[]}", -1, NULL },
    { "comment", "/* hi */{}", -1, NULL },
    { "nodes not a list", "{\"nodes\":{}}", -1, "“nodes” must be a list" },
    { "node not an object", "{\"nodes\":[1]}", -1, "Node 1 is not a JSON object" },
    { "no id", "{\"nodes\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":1,\"height\":1}]}", -1, "Node 1: “id” is missing" },
    { "id not printable", "{\"nodes\":[{\"id\":\"a\\nb\",\"type\":\"text\"}]}", -1, "not a valid id" },
    { "no type", "{\"nodes\":[{\"id\":\"a\",\"x\":0,\"y\":0,\"width\":1,\"height\":1}]}", -1, "“type” is missing" },
    { "no x", "{\"nodes\":[{\"id\":\"a\",\"type\":\"text\",\"y\":0,\"width\":1,\"height\":1}]}", -1, "“x” is missing" },
    { "duplicate ids",
      "{\"nodes\":[{\"id\":\"a\",\"type\":\"text\",\"x\":0,\"y\":0,\"width\":1,\"height\":1},"
      "{\"id\":\"a\",\"type\":\"text\",\"x\":0,\"y\":0,\"width\":1,\"height\":1}]}", -1, "“a”" },
    { "edge id is a node's",
      "{\"nodes\":[{\"id\":\"a\",\"type\":\"text\",\"x\":0,\"y\":0,\"width\":1,\"height\":1}],"
      "\"edges\":[{\"id\":\"a\",\"fromNode\":\"a\",\"toNode\":\"a\"}]}", -1, "“a”" },
    { "edge without id", "{\"edges\":[{\"fromNode\":\"a\",\"toNode\":\"b\"}]}", -1, "Edge 1: “id” is missing" },
    { "edge without end", "{\"edges\":[{\"id\":\"e\",\"fromNode\":\"a\"}]}", -1, "“toNode” is missing" },
    { "bad end", "{\"edges\":[{\"id\":\"e\",\"fromNode\":\"a\",\"toNode\":\"b\",\"toEnd\":\"spear\"}]}", -1, "“toEnd”" },
    { "bad side", "{\"edges\":[{\"id\":\"e\",\"fromNode\":\"a\",\"toNode\":\"b\",\"fromSide\":\"up\"}]}", -1, "“fromSide”" },
    /* "none" is our word for no side, not the spec's. */
    { "side none", "{\"edges\":[{\"id\":\"e\",\"fromNode\":\"a\",\"toNode\":\"b\",\"toSide\":\"none\"}]}", -1,
      "“toSide” must be top, right, bottom or left" },
    { "bad background style",
      "{\"nodes\":[{\"id\":\"g\",\"type\":\"group\",\"x\":0,\"y\":0,\"width\":10,\"height\":10,"
      "\"backgroundStyle\":\"stretch\"}]}", -1, "“backgroundStyle” must be cover, ratio or repeat" },
    { "background a number",
      "{\"nodes\":[{\"id\":\"g\",\"type\":\"group\",\"x\":0,\"y\":0,\"width\":10,\"height\":10,"
      "\"background\":7}]}", -1, "“background” must be a string" },
    { "file without file", "{\"nodes\":[{\"id\":\"a\",\"type\":\"file\",\"x\":0,\"y\":0,\"width\":1,\"height\":1}]}", -1, "“file” is missing" },
    { "huge text", NULL, -1, "longer than" },
  };

  /* A text past the model's limit of 1 MiB per field. */
  for (gsize i = 0; i < (gsize) EB_TEXT_MAX / 64 + 2; i++)
    g_string_append (big, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (big, "\"}]}");
  huge = g_string_free (big, FALSE);
  cases[G_N_ELEMENTS (cases) - 1].text = huge;
  (void) huge_text;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = NULL;
      gsize length = cases[i].length < 0 ? strlen (cases[i].text) : (gsize) cases[i].length;

      board = eb_jsoncanvas_read (cases[i].text, length, &error);
      if (board != NULL)
        g_error ("%s: accepted", cases[i].name);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", cases[i].name, error->message);
      g_assert_null (strchr (error->message, '\n'));
      g_assert_cmpuint (strlen (error->message), >, 10);
      if (cases[i].reason != NULL && strstr (error->message, cases[i].reason) == NULL)
        g_error ("%s: the message does not say “%s”: %s", cases[i].name, cases[i].reason, error->message);
    }
}

/* A BOM is not hostile: Windows editors add one. */
static void
test_bom (void)
{
  g_autoptr(EbBoard) board = read_canvas_text ("\xef\xbb\xbf{\"nodes\":[{\"id\":\"n\",\"type\":\"text\",\"x\":0,"
                                               "\"y\":0,\"width\":10,\"height\":10,\"text\":\"é\"}]}", NULL);

  g_assert_cmpstr (eb_card_get_notes (eb_board_lookup_card (board, "n")), ==, "é");
}

/* Every prefix of a real file is refused or read, never a crash: what a
 * truncated download looks like. */
static void
test_truncated (void)
{
  g_autofree char *dir = canvas_dir ();
  g_autofree char *path = g_build_filename (dir, "StardustXR__docs__overview.canvas", NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  for (gsize cut = 0; cut < length; cut += 97)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = eb_jsoncanvas_read (text, cut, &error);

      g_assert_true ((board == NULL) != (error == NULL));
    }
}

/* Text with quotes, backslashes, control characters and the two line
 * separators JavaScript ends lines at: written escaped (the file pastes
 * into a script, and no raw control byte reaches another tool), read
 * back byte for byte. */
static void
test_write_escapes (void)
{
  static const char *tricky = "\"quoted\" back\\slash \x01\b\f\x7f tab\t line\u2028para\u2029end";
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbBoard) again = NULL;
  g_autofree char *text = NULL;
  EbCard *card;

  card = eb_test_add_card (board, EB_CARD_KIND_PERSON, tricky, 0, 0);
  g_object_set (card, "notes", tricky, NULL);
  text = eb_jsoncanvas_write (board, NULL);

  g_assert_null (strstr (text, "\u2028"));
  g_assert_null (strstr (text, "\u2029"));
  /* Tabs and newlines lay the file out; none is left in a string. */
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
      g_error ("A raw control character 0x%02x at byte %d of %s", *p, (int) (p - text), text);
  g_assert_nonnull (strstr (text, "\\u2028"));
  g_assert_nonnull (strstr (text, "\\u0001"));
  g_assert_nonnull (strstr (text, "tab\\t line"));

  again = round_trip (board);
  eb_test_assert_boards_equal (board, again);
  g_assert_cmpstr (eb_card_get_title (eb_test_find_card_by_title (again, tricky)), ==, tricky);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Rendering needs GSK's types, not a display. */
  gtk_init_check ();
  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/eb/jsoncanvas/obsidian/copies", test_obsidian_copies);
  g_test_add_func ("/eb/jsoncanvas/obsidian/round-trip", test_obsidian_round_trip);
  g_test_add_func ("/eb/jsoncanvas/obsidian/render", test_obsidian_render);
  g_test_add_func ("/eb/jsoncanvas/obsidian/sides-drawn", test_obsidian_sides_drawn);
  g_test_add_func ("/eb/jsoncanvas/draw/links-to-frames", test_draw_links_to_frames);
  g_test_add_func ("/eb/jsoncanvas/obsidian/edited", test_edited_in_obsidian);
  g_test_add_func ("/eb/jsoncanvas/board/round-trip", test_board_round_trip);
  g_test_add_func ("/eb/jsoncanvas/write/escapes", test_write_escapes);
  g_test_add_func ("/eb/jsoncanvas/board/sample", test_sample_round_trip);
  g_test_add_func ("/eb/jsoncanvas/board/sides-and-backgrounds", test_board_sides_and_backgrounds);
  g_test_add_func ("/eb/jsoncanvas/read/lenient", test_lenient);
  g_test_add_func ("/eb/jsoncanvas/read/empty", test_empty_canvases);
  g_test_add_func ("/eb/jsoncanvas/read/bom", test_bom);
  g_test_add_func ("/eb/jsoncanvas/read/hostile", test_hostile);
  g_test_add_func ("/eb/jsoncanvas/read/truncated", test_truncated);

  status = g_test_run ();
  gsk_renderer_unrealize (renderer);
  g_object_unref (renderer);
  return status;
}
