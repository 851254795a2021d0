/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The painter draws what the model says, where it says: checked in pixels
 * and against reference images. Run with EB_UPDATE_REFERENCES=1 to rewrite
 * the references after a deliberate change of look (and look at them). */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "eb-json.h"
#include "eb-painter.h"
#include "eb-test-util.h"

static GskRenderer *renderer;

static GdkTexture *
render (EbPainter    *painter,
        const EbRect *area,
        double        scale,
        GHashTable   *selection)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, ceil (area->width * scale), ceil (area->height * scale));

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &viewport);
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-area->x, -area->y));
  eb_painter_snapshot (painter, snapshot, area, scale, selection);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return gsk_renderer_render_texture (renderer, node, &viewport);
}

/* Compares with tests/data/painter/NAME: at most 0.5 % of pixels may
 * differ by more than 24/255 in a channel (antialiasing, font versions). */
static void
compare_reference (GdkTexture *texture,
                   const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "tests", "data", "painter", name, NULL);
  g_autofree char *actual_path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GdkTexture) reference = NULL;
  g_autoptr(EbTestImage) a = NULL;
  g_autoptr(EbTestImage) b = NULL;
  g_autoptr(GError) error = NULL;
  guint differing = 0;

  gdk_texture_save_to_png (texture, actual_path);
  if (g_getenv ("EB_UPDATE_REFERENCES"))
    {
      g_assert_true (gdk_texture_save_to_png (texture, path));
      return;
    }

  reference = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  a = eb_test_image_download (texture);
  b = eb_test_image_download (reference);
  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);

  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width * 4; x++)
      if (abs (a->data[y * a->stride + x] - b->data[y * b->stride + x]) > 24)
        {
          differing++;
          x += 3 - x % 4;
        }

  g_test_message ("%s: %u of %d pixels differ (rendered copy in %s)", name, differing,
                  a->width * a->height, actual_path);
  g_assert_cmpuint (differing, <=, a->width * a->height / 200);
}

static void
test_reference_sample (void)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(GdkTexture) texture = NULL;
  EbRect bounds;

  g_assert_true (eb_spatial_index_get_bounds (index, &bounds));
  texture = render (painter, &bounds, 0.5, NULL);
  compare_reference (texture, "sample-half.png");
}

static void
test_reference_detail (void)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(GdkTexture) one = NULL;
  g_autoptr(GdkTexture) two = NULL;
  EbCard *jaafari = NULL;
  GListModel *cards = eb_board_get_cards (board);
  EbRect area;

  for (guint i = 0; i < g_list_model_get_n_items (cards) && jaafari == NULL; i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (eb_card_get_title (card), "Bashar al-Jaafari") == 0)
        jaafari = card;
    }
  g_assert_nonnull (jaafari);

  /* The Jaafari affair around his card, at 100 % and 200 %: the 2× image
   * is the same picture, twice as sharp. */
  area = (EbRect) { eb_card_get_x (jaafari) - 300, eb_card_get_y (jaafari) - 200, 900, 600 };
  one = render (painter, &area, 1, NULL);
  two = render (painter, &area, 2, NULL);
  g_assert_cmpint (gdk_texture_get_width (two), ==, 2 * gdk_texture_get_width (one));
  g_assert_cmpint (gdk_texture_get_height (two), ==, 2 * gdk_texture_get_height (one));
  compare_reference (one, "jaafari-1x.png");
  compare_reference (two, "jaafari-2x.png");
}

static void
test_cards_where_the_model_says (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  EbCard *person = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Sergei Lavrov", 100, 100);
  EbCard *event = eb_test_add_card (board, EB_CARD_KIND_EVENT, "Doha talks", 600, 100);
  EbRect area = { 0, 0, 1000, 400 };
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(EbTestImage) image = NULL;
  g_autoptr(EbTestImage) moved = NULL;
  GdkRGBA fill, seen;

  before = render (painter, &area, 1, NULL);
  image = eb_test_image_download (before);

  /* Inside each card, away from its text, its kind's colour. */
  eb_painter_card_color (person, &fill);
  eb_test_image_pixel (image, 100 + 200, 100 + 90, &seen);
  g_assert_true (eb_test_color_near (&seen, &fill, 0.02));
  eb_painter_card_color (event, &fill);
  eb_test_image_pixel (image, 600 + 200, 100 + 90, &seen);
  g_assert_true (eb_test_color_near (&seen, &fill, 0.02));
  /* Between them, the background. */
  eb_test_image_pixel (image, 450, 150, &seen);
  g_assert_true (eb_test_color_near (&seen, &(GdkRGBA) { 1, 1, 1, 1 }, 0.02));

  /* Moved, the card is drawn at its new place and no longer at the old. */
  eb_card_set_position (person, 100, 250);
  after = render (painter, &area, 1, NULL);
  moved = eb_test_image_download (after);
  eb_painter_card_color (person, &fill);
  eb_test_image_pixel (moved, 100 + 200, 100 + 30, &seen);
  g_assert_true (eb_test_color_near (&seen, &(GdkRGBA) { 1, 1, 1, 1 }, 0.02));
  eb_test_image_pixel (moved, 100 + 200, 250 + 90, &seen);
  g_assert_true (eb_test_color_near (&seen, &fill, 0.02));
}

/* Colours from other tools: a light one is drawn as it is, a dark one
 * (Obsidian "#2b2b2b", an Aleph vertex red) lightened so text reads. */
static void
test_dark_colours_lightened (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  EbCard *light = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Light", 100, 100);
  EbCard *dark = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Dark", 600, 100);
  EbRect area = { 0, 0, 1000, 400 };
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(EbTestImage) image = NULL;
  GdkRGBA seen;

  g_object_set (light, "color", "#fde8e4", NULL);
  g_object_set (dark, "color", "#c0392b", NULL);
  texture = render (painter, &area, 1, NULL);
  image = eb_test_image_download (texture);

  eb_test_image_pixel (image, 100 + 200, 100 + 90, &seen);
  g_assert_true (eb_test_color_near (&seen, &(GdkRGBA) { 0xfd / 255., 0xe8 / 255., 0xe4 / 255., 1 }, 0.02));
  eb_test_image_pixel (image, 600 + 200, 100 + 90, &seen);
  g_assert_cmpfloat (0.2126 * seen.red + 0.7152 * seen.green + 0.0722 * seen.blue, >, 0.6);
  /* Still reddish, not the kind's default fill. */
  g_assert_cmpfloat (seen.red, >, seen.green + 0.1);
}

/* Counts the pixels of a colour along the straight link between two cards
 * side by side. */
static guint
count_along (EbTestImage   *image,
             int            x0,
             int            x1,
             int            y,
             const GdkRGBA *color)
{
  guint count = 0;

  for (int x = x0; x < x1; x++)
    {
      GdkRGBA seen;

      eb_test_image_pixel (image, x, y, &seen);
      count += eb_test_color_near (&seen, color, 0.12);
    }
  return count;
}

static void
test_link_kinds_differ (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  EbCard *a = eb_test_add_card (board, EB_CARD_KIND_SOURCE, "TASS", 0, 0);
  EbCard *b = eb_test_add_card (board, EB_CARD_KIND_EVENT, "Asylum request reported", 520, 0);
  EbCard *c = eb_test_add_card (board, EB_CARD_KIND_SOURCE, "Jaafari denial", 0, 300);
  EbCard *d = eb_test_add_card (board, EB_CARD_KIND_EVENT, "Asylum request reported", 520, 300);
  EbLink *supports = eb_test_add_link (board, a, b, EB_LINK_KIND_SUPPORTS);
  EbLink *contradicts = eb_test_add_link (board, c, d, EB_LINK_KIND_CONTRADICTS);
  EbRect area = { -10, -10, 780, 430 };
  g_autoptr(GdkTexture) texture = render (painter, &area, 1, NULL);
  g_autoptr(EbTestImage) image = eb_test_image_download (texture);
  GdkRGBA green, red;
  guint solid, dashed;

  eb_painter_link_color (supports, &green);
  eb_painter_link_color (contradicts, &red);
  g_assert_false (eb_test_color_near (&green, &red, 0.2));

  /* Between the cards, centred on their middles: solid green all the way,
   * red with gaps (so the two differ in grey print too). */
  solid = count_along (image, 240 + 10, 500 + 10, 50 + 10, &green);
  dashed = count_along (image, 240 + 10, 500 + 10, 350 + 10, &red);
  g_test_message ("solid %u, dashed %u of 260", solid, dashed);
  g_assert_cmpuint (solid, >=, 230);
  g_assert_cmpuint (dashed, >=, 100);
  g_assert_cmpuint (dashed, <=, 210);
}

static guint
count_text_nodes (GskRenderNode *node)
{
  guint n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      return 1;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_text_nodes (gsk_container_node_get_child (node, i));
      return n;
    case GSK_TRANSFORM_NODE:
      return count_text_nodes (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return count_text_nodes (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return count_text_nodes (gsk_rounded_clip_node_get_child (node));
    default:
      return 0;
    }
}

static void
test_level_of_detail (void)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  guint n_cards = g_list_model_get_n_items (eb_board_get_cards (board));
  guint n_frames = g_list_model_get_n_items (eb_board_get_frames (board));
  EbRect bounds;
  g_autoptr(GtkSnapshot) near = gtk_snapshot_new ();
  g_autoptr(GtkSnapshot) far = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) near_node = NULL;
  g_autoptr(GskRenderNode) far_node = NULL;

  eb_spatial_index_get_bounds (index, &bounds);
  eb_painter_snapshot (painter, near, &bounds, 1.0, NULL);
  eb_painter_snapshot (painter, far, &bounds, EB_PAINTER_TEXT_MIN_ZOOM / 2, NULL);
  near_node = gtk_snapshot_free_to_node (g_steal_pointer (&near));
  far_node = gtk_snapshot_free_to_node (g_steal_pointer (&far));

  /* Close up every card has its text; zoomed out only the frames keep
   * their labels. */
  g_assert_cmpuint (count_text_nodes (near_node), >=, n_cards);
  g_assert_cmpuint (count_text_nodes (far_node), ==, n_frames);

  /* In between, at a whole-board view of a board this size, the titles
   * in big letters: the names read at a glance. */
  {
    g_autoptr(GtkSnapshot) glance = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) glance_node = NULL;

    eb_painter_snapshot (painter, glance, &bounds, 0.25, NULL);
    glance_node = gtk_snapshot_free_to_node (g_steal_pointer (&glance));
    g_assert_cmpuint (count_text_nodes (glance_node), >=, n_cards + n_frames);
  }
}

static void
test_links_zoomed_out (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  EbCard *a = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Putin", 3000, 2000);
  EbCard *b = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Assad", 6000, 2000);
  EbLink *link = eb_test_add_link (board, a, b, EB_LINK_KIND_SUPPORTS);
  /* Far from the origin, so a misapplied translation would show. */
  EbRect area = { 2000, 1000, 6000, 2400 };
  double zoom = EB_PAINTER_TEXT_MIN_ZOOM / 3;
  g_autoptr(GdkTexture) texture = render (painter, &area, zoom, NULL);
  g_autoptr(EbTestImage) image = eb_test_image_download (texture);
  GdkRGBA color, seen;
  /* Halfway between the cards' facing sides, on their middle line. */
  int x = (int) ((4610 - area.x) * zoom), y = (int) ((2050 - area.y) * zoom);

  eb_painter_link_color (link, &color);
  eb_test_image_pixel (image, x, y, &seen);
  g_test_message ("at %d,%d: %.2f %.2f %.2f", x, y, seen.red, seen.green, seen.blue);
  g_assert_false (eb_test_color_near (&seen, &(GdkRGBA) { 1, 1, 1, 1 }, 0.1));
  eb_test_image_pixel (image, x, y + 20, &seen);
  g_assert_true (eb_test_color_near (&seen, &(GdkRGBA) { 1, 1, 1, 1 }, 0.02));
}

static void
test_only_the_visible (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  EbRect area = { 0, 0, 300, 200 };

  eb_test_add_card (board, EB_CARD_KIND_NOTE, "In view", 10, 10);
  for (guint i = 0; i < 500; i++)
    eb_test_add_card (board, EB_CARD_KIND_NOTE, "Far away", 5000 + i * 300, 5000);

  eb_painter_snapshot (painter, snapshot, &area, 1, NULL);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* One card's worth of nodes, not five hundred. */
  g_assert_nonnull (node);
  g_assert_cmpuint (gsk_render_node_get_node_type (node), ==, GSK_CONTAINER_NODE);
  g_assert_cmpuint (gsk_container_node_get_n_children (node), <, 20);
}

static void
test_selection_ring (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  EbCard *card = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Ayman Sousan", 50, 50);
  EbRect area = { 0, 0, 400, 250 };
  g_autoptr(GdkTexture) plain = render (painter, &area, 1, NULL);
  g_autoptr(GdkTexture) selected = NULL;
  g_autoptr(EbTestImage) a = eb_test_image_download (plain);
  g_autoptr(EbTestImage) b = NULL;
  GdkRGBA before, after;

  g_hash_table_add (selection, card);
  selected = render (painter, &area, 1, selection);
  b = eb_test_image_download (selected);
  /* Just outside the card's left edge: white before, the accent after. */
  eb_test_image_pixel (a, 48, 100, &before);
  eb_test_image_pixel (b, 48, 100, &after);
  g_assert_true (eb_test_color_near (&before, &(GdkRGBA) { 1, 1, 1, 1 }, 0.02));
  g_assert_true (after.blue > 0.7 && after.red < 0.4);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Rendering needs GSK's types, not a display: no gtk_test_init. */
  gtk_init_check ();
  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/eb/painter/reference/sample", test_reference_sample);
  g_test_add_func ("/eb/painter/reference/detail", test_reference_detail);
  g_test_add_func ("/eb/painter/cards-where-the-model-says", test_cards_where_the_model_says);
  g_test_add_func ("/eb/painter/link-kinds-differ", test_link_kinds_differ);
  g_test_add_func ("/eb/painter/level-of-detail", test_level_of_detail);
  g_test_add_func ("/eb/painter/only-the-visible", test_only_the_visible);
  g_test_add_func ("/eb/painter/links-zoomed-out", test_links_zoomed_out);
  g_test_add_func ("/eb/painter/selection-ring", test_selection_ring);
  g_test_add_func ("/eb/painter/dark-colours-lightened", test_dark_colours_lightened);

  status = g_test_run ();
  gsk_renderer_unrealize (renderer);
  g_object_unref (renderer);
  return status;
}
