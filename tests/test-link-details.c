/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "eb-card-details.h"
#include "eb-card-row.h"
#include "eb-link-details.h"
#include "eb-test-util.h"

/* The link inspector, driven through its rows as a user would: it shows a
 * link's cards and fields, edits go through the history (typing is one
 * undo step), undo shows back in the rows, removing the link empties the
 * panel; a link that ends at a frame names it, in both inspectors; a
 * read-only panel still leads to the link's ends. Runs under Xvfb (see
 * tests/meson.build). */

/* From the resources compiled into the private library (data/meson.build);
 * linked statically, their constructor may not run, so register them. */
GResource *eb_get_resource (void);

static char *tmp_dir;

typedef struct
{
  EbBoard       *board;
  EbHistory     *history;
  EbCard        *putin;
  EbCard        *assad;
  EbLink        *link;
  GtkWindow     *window;
  EbLinkDetails *details;
  EbItem        *activated;
} Fixture;

static EbCard *
add_card (EbBoard    *board,
          EbCardKind  kind,
          const char *title,
          double      x)
{
  g_autoptr(EbCard) card = eb_card_new (kind);

  g_object_set (card, "title", title, "x", x, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (card), NULL));
  return card;
}

static void
on_card_activated (GtkWidget *details,
                   EbItem    *end,
                   Fixture   *f)
{
  f->activated = end;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EbLink) link = NULL;

  f->board = eb_board_new ();
  f->putin = add_card (f->board, EB_CARD_KIND_PERSON, "Vladimir Putin", 0);
  f->assad = add_card (f->board, EB_CARD_KIND_PERSON, "Bashar al-Assad", 400);
  link = eb_link_new (eb_item_get_id (EB_ITEM (f->putin)), eb_item_get_id (EB_ITEM (f->assad)),
                      EB_LINK_KIND_RELATED, "granted asylum to");
  g_assert_true (eb_board_add (f->board, EB_ITEM (link), NULL));
  f->link = link;
  f->history = eb_history_new (f->board);

  f->details = EB_LINK_DETAILS (eb_link_details_new ());
  eb_link_details_set_history (f->details, f->history);
  eb_link_details_set_link (f->details, f->link);
  g_signal_connect (f->details, "card-activated", G_CALLBACK (on_card_activated), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 380, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->details));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->history);
  g_clear_object (&f->board);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->details), EB_TYPE_LINK_DETAILS, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
row_title (Fixture    *f,
           const char *name)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (f, name)));
}

static guint
selected (Fixture    *f,
          const char *name)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (child (f, name)));
}

static void
test_shows_link (Fixture       *f,
                 gconstpointer  data)
{
  g_object_set (f->link, "direction", EB_LINK_DIRECTION_BOTH, "credibility", 2u, NULL);

  g_assert_true (eb_link_details_get_link (f->details) == f->link);
  g_assert_cmpstr (row_title (f, "from_row"), ==, "Vladimir Putin");
  g_assert_cmpstr (row_title (f, "to_row"), ==, "Bashar al-Assad");
  /* Each name isolated (FSI … PDI), so neither garbles an Arabic line. */
  g_assert_cmpstr (adw_preferences_group_get_description (child (f, "ends_group")), ==,
                   "\u2068Vladimir Putin\u2069 → \u2068Bashar al-Assad\u2069");
  /* Each end shows what it is: both are people. */
  g_assert_cmpstr (gtk_image_get_icon_name (child (f, "from_icon")), ==, eb_card_kind_icon_name (EB_CARD_KIND_PERSON));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "to_icon")), ==, "Person");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "to_row")), ==, "Show this card");
  g_assert_cmpstr (gtk_editable_get_text (child (f, "label_row")), ==, "granted asylum to");
  g_assert_cmpuint (selected (f, "kind_row"), ==, EB_LINK_KIND_RELATED);
  g_assert_cmpuint (selected (f, "direction_row"), ==, EB_LINK_DIRECTION_BOTH);
  g_assert_cmpuint (selected (f, "credibility_row"), ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "color_row")), ==, "By kind");
  g_assert_false (gtk_widget_get_sensitive (child (f, "default_color_button")));

  /* Renaming a card shows at once. */
  eb_history_set (f->history, f->assad, "title", "Bashar Hafez al-Assad", NULL);
  g_assert_cmpstr (row_title (f, "to_row"), ==, "Bashar Hafez al-Assad");

  /* Its two cards are a click away. */
  g_signal_emit_by_name (child (f, "from_row"), "activated");
  g_assert_true (f->activated == EB_ITEM (f->putin));
  g_signal_emit_by_name (child (f, "to_row"), "activated");
  g_assert_true (f->activated == EB_ITEM (f->assad));

  /* A title that looks like markup shows as written (the description is
   * markup, and libadwaita hands back the text it shows). */
  eb_history_set (f->history, f->assad, "title", "<b>Assad</b> & family", NULL);
  g_assert_cmpstr (adw_preferences_group_get_description (child (f, "ends_group")), ==,
                   "\u2068Vladimir Putin\u2069 → \u2068<b>Assad</b> & family\u2069");
}

/* A JSON Canvas edge may end at a group: the panel names the frame by its
 * label, with a frame's icon, follows its renaming, and leads to it. */
static void
test_frame_end (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EbFrame) frame = eb_frame_new ("Moscow", -100, -100, 900, 500);
  g_autoptr(EbFrame) untitled = eb_frame_new (NULL, 2000, 0, 300, 300);
  g_autoptr(EbLink) link = NULL;
  g_autoptr(EbLink) to_untitled = NULL;
  GtkImage *to_icon = child (f, "to_icon");

  g_assert_true (eb_board_add (f->board, EB_ITEM (frame), NULL));
  g_assert_true (eb_board_add (f->board, EB_ITEM (untitled), NULL));
  link = eb_link_new (eb_item_get_id (EB_ITEM (f->assad)), eb_item_get_id (EB_ITEM (frame)),
                      EB_LINK_KIND_RELATED, "fled to");
  g_assert_true (eb_board_add (f->board, EB_ITEM (link), NULL));
  eb_link_details_set_link (f->details, link);

  g_assert_cmpstr (row_title (f, "from_row"), ==, "Bashar al-Assad");
  g_assert_cmpstr (row_title (f, "to_row"), ==, "Moscow");
  g_assert_cmpstr (adw_preferences_group_get_description (child (f, "ends_group")), ==,
                   "\u2068Bashar al-Assad\u2069 → \u2068Moscow\u2069");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (to_icon)));
  g_assert_cmpstr (gtk_image_get_icon_name (to_icon), ==, "edit-select-all-symbolic");
  g_assert_cmpstr (gtk_image_get_icon_name (to_icon), !=, gtk_image_get_icon_name (child (f, "from_icon")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (to_icon)), ==, "Frame");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "to_row")), ==, "Show this frame");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "from_row")), ==, "Show this card");

  /* Renamed (by undo or elsewhere), the row follows. */
  eb_history_set (f->history, frame, "label", "Kremlin", NULL);
  g_assert_cmpstr (row_title (f, "to_row"), ==, "Kremlin");

  /* Following the row leads to the frame. */
  g_signal_emit_by_name (child (f, "to_row"), "activated");
  g_assert_true (f->activated == EB_ITEM (frame));

  /* A frame with no label is still named. */
  to_untitled = eb_link_new (eb_item_get_id (EB_ITEM (f->assad)), eb_item_get_id (EB_ITEM (untitled)),
                             EB_LINK_KIND_RELATED, NULL);
  g_assert_true (eb_board_add (f->board, EB_ITEM (to_untitled), NULL));
  eb_link_details_set_link (f->details, to_untitled);
  g_assert_cmpstr (row_title (f, "to_row"), ==, "Untitled frame");
  g_assert_cmpstr (adw_preferences_group_get_description (child (f, "ends_group")), ==,
                   "\u2068Bashar al-Assad\u2069 → \u2068Untitled frame\u2069");
  g_signal_emit_by_name (child (f, "to_row"), "activated");
  g_assert_true (f->activated == EB_ITEM (untitled));

  eb_test_run_for (200);
  eb_test_save_screenshot (GTK_WIDGET (f->window), tmp_dir, "link-details-frame.png");
}

/* The card inspector's list of links names a frame at the other end the
 * same way, with the frame's icon, and leads to it. */
static void
test_card_links_to_frame (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(EbFrame) frame = eb_frame_new ("Moscow", -100, -100, 900, 500);
  g_autoptr(EbLink) link = NULL;
  EbCardDetails *card_details = EB_CARD_DETAILS (eb_card_details_new ());
  GObject *links_group;
  g_autoptr(GPtrArray) rows = NULL;
  AdwActionRow *frame_row = NULL;
  AdwActionRow *card_row = NULL;

  g_assert_true (eb_board_add (f->board, EB_ITEM (frame), NULL));
  link = eb_link_new (eb_item_get_id (EB_ITEM (f->assad)), eb_item_get_id (EB_ITEM (frame)),
                      EB_LINK_KIND_RELATED, "fled to");
  g_assert_true (eb_board_add (f->board, EB_ITEM (link), NULL));

  eb_card_details_set_history (card_details, f->history);
  eb_card_details_set_card (card_details, f->assad);
  g_signal_connect (card_details, "card-activated", G_CALLBACK (on_card_activated), f);
  gtk_window_set_child (f->window, GTK_WIDGET (card_details));
  eb_test_run_for (100);

  links_group = gtk_widget_get_template_child (GTK_WIDGET (card_details), EB_TYPE_CARD_DETAILS, "links_group");
  rows = eb_test_find_all (GTK_WIDGET (links_group), ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (g_ptr_array_index (rows, i));

      if (g_str_equal (title, "\u2068fled to\u2069 → \u2068Moscow\u2069"))
        frame_row = g_ptr_array_index (rows, i);
      else if (g_str_equal (title, "\u2068granted asylum to\u2069 ← \u2068Vladimir Putin\u2069"))
        card_row = g_ptr_array_index (rows, i);
      else
        g_error ("Unexpected link row “%s”", title);
    }
  g_assert_nonnull (frame_row);
  g_assert_nonnull (card_row);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (frame_row)), ==, "Show this frame");

  /* Each row shows what is at its other end. */
  {
    g_autoptr(GPtrArray) frame_icons = eb_test_find_all (GTK_WIDGET (frame_row), GTK_TYPE_IMAGE);
    g_autoptr(GPtrArray) card_icons = eb_test_find_all (GTK_WIDGET (card_row), GTK_TYPE_IMAGE);
    gboolean frame_icon = FALSE;
    gboolean person_icon = FALSE;

    for (guint i = 0; i < frame_icons->len; i++)
      frame_icon |= g_strcmp0 (gtk_image_get_icon_name (g_ptr_array_index (frame_icons, i)),
                               "edit-select-all-symbolic") == 0 &&
                    g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (frame_icons, i)), "Frame") == 0;
    for (guint i = 0; i < card_icons->len; i++)
      person_icon |= g_strcmp0 (gtk_image_get_icon_name (g_ptr_array_index (card_icons, i)),
                                eb_card_kind_icon_name (EB_CARD_KIND_PERSON)) == 0;
    g_assert_true (frame_icon);
    g_assert_true (person_icon);
  }

  g_signal_emit_by_name (frame_row, "activated");
  g_assert_true (f->activated == EB_ITEM (frame));

  /* A renamed frame shows in the list. */
  eb_history_set (f->history, frame, "label", "Kremlin", NULL);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = eb_test_find_all (GTK_WIDGET (links_group), ADW_TYPE_ACTION_ROW);
  {
    gboolean renamed = FALSE;

    for (guint i = 0; i < rows->len; i++)
      renamed |= g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                              "\u2068fled to\u2069 → \u2068Kremlin\u2069");
    g_assert_true (renamed);
  }
}

/* On a read-only board the fields cannot be changed, but the rows naming
 * the link's ends still lead to them. */
static void
test_not_editable (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_true (eb_link_details_get_editable (f->details));
  eb_link_details_set_editable (f->details, FALSE);
  g_assert_false (eb_link_details_get_editable (f->details));

  g_assert_false (gtk_widget_is_sensitive (child (f, "label_row")));
  g_assert_false (gtk_widget_is_sensitive (child (f, "kind_row")));
  g_assert_false (gtk_widget_is_sensitive (child (f, "color_button")));
  g_assert_false (gtk_widget_is_sensitive (child (f, "delete_button")));
  g_assert_true (gtk_widget_is_sensitive (child (f, "from_row")));
  g_assert_true (gtk_widget_is_sensitive (child (f, "to_row")));

  g_assert_true (gtk_widget_activate (child (f, "to_row")));
  g_assert_true (f->activated == EB_ITEM (f->assad));

  /* The link shown next is read-only too; editable again, all of it works. */
  eb_link_details_set_link (f->details, NULL);
  eb_link_details_set_link (f->details, f->link);
  g_assert_false (gtk_widget_is_sensitive (child (f, "label_row")));
  eb_link_details_set_editable (f->details, TRUE);
  g_assert_true (gtk_widget_is_sensitive (child (f, "label_row")));
  g_assert_true (gtk_widget_is_sensitive (child (f, "delete_button")));
}

static void
test_kind (Fixture       *f,
           gconstpointer  data)
{
  AdwComboRow *kind_row = child (f, "kind_row");

  g_object_set (kind_row, "selected", (guint) EB_LINK_KIND_CONTRADICTS, NULL);
  g_assert_cmpint (eb_link_get_kind (f->link), ==, EB_LINK_KIND_CONTRADICTS);
  g_assert_true (eb_history_can_undo (f->history));

  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpint (eb_link_get_kind (f->link), ==, EB_LINK_KIND_RELATED);
  g_assert_cmpuint (adw_combo_row_get_selected (kind_row), ==, EB_LINK_KIND_RELATED);
  /* Showing the undone value edits nothing. */
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_true (eb_history_can_redo (f->history));

  g_assert_true (eb_history_redo (f->history));
  g_assert_cmpuint (adw_combo_row_get_selected (kind_row), ==, EB_LINK_KIND_CONTRADICTS);

  /* Direction and credibility likewise. */
  g_object_set (child (f, "direction_row"), "selected", (guint) EB_LINK_DIRECTION_NONE, NULL);
  g_assert_cmpint (eb_link_get_direction (f->link), ==, EB_LINK_DIRECTION_NONE);
  g_object_set (child (f, "credibility_row"), "selected", 4u, NULL);
  g_assert_cmpuint (eb_link_get_credibility (f->link), ==, 4);
  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpuint (selected (f, "credibility_row"), ==, 0);
  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpuint (selected (f, "direction_row"), ==, EB_LINK_DIRECTION_FORWARD);
}

static void
test_label_typing (Fixture       *f,
                   gconstpointer  data)
{
  GtkEditable *entry = child (f, "label_row");
  const char *typed[] = { "f", "fl", "fle", "flew", "flew t", "flew to" };

  gtk_editable_set_text (entry, "");
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    gtk_editable_set_text (entry, typed[i]);
  g_assert_cmpstr (eb_link_get_label (f->link), ==, "flew to");

  /* One undo step for the word, back to the label before. */
  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpstr (eb_link_get_label (f->link), ==, "granted asylum to");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "granted asylum to");
  g_assert_false (eb_history_can_undo (f->history));

  /* A label changed elsewhere shows in the row. */
  eb_history_set (f->history, f->link, "label", "hosts", NULL);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "hosts");
}

static void
test_color (Fixture       *f,
            gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *dialog = NULL;
  GdkRGBA blue = { 0.0, 0.4, 0.8, 1.0 };

  g_signal_emit_by_name (child (f, "color_button"), "clicked");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_COLOR_CHOOSER_DIALOG (window))
        dialog = window;
    }
  g_assert_nonnull (dialog);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &blue);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);

  g_assert_cmpstr (eb_link_get_color (f->link), ==, "#0066cc");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "color_row")), ==, "#0066cc");
  g_assert_true (gtk_widget_get_sensitive (child (f, "default_color_button")));

  g_signal_emit_by_name (child (f, "default_color_button"), "clicked");
  g_assert_null (eb_link_get_color (f->link));
  g_assert_false (gtk_widget_get_sensitive (child (f, "default_color_button")));

  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpstr (eb_link_get_color (f->link), ==, "#0066cc");
  g_assert_true (eb_history_undo (f->history));
  g_assert_null (eb_link_get_color (f->link));
}

static void
test_removed (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = g_strdup (eb_item_get_id (EB_ITEM (f->link)));

  /* Removed elsewhere (its card deleted): the panel empties. */
  eb_history_remove (f->history, EB_ITEM (f->assad));
  g_assert_null (eb_link_details_get_link (f->details));
  g_assert_false (gtk_widget_get_visible (child (f, "fields_group")));
  g_assert_false (gtk_widget_get_visible (child (f, "ends_group")));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "label_row")), ==, "");

  /* Back with undo; the Delete button removes it as one step. */
  g_assert_true (eb_history_undo (f->history));
  f->link = EB_LINK (eb_board_lookup (f->board, id));
  g_assert_nonnull (f->link);
  eb_link_details_set_link (f->details, f->link);
  g_assert_true (gtk_widget_get_visible (child (f, "fields_group")));

  g_signal_emit_by_name (child (f, "delete_button"), "clicked");
  g_assert_null (eb_board_lookup (f->board, id));
  g_assert_null (eb_link_details_get_link (f->details));
  g_assert_true (eb_history_undo (f->history));
  g_assert_nonnull (eb_board_lookup (f->board, id));
}

/* The colour of the pixel at the middle of @widget, as drawn in
 * @texture, a rendering of @root. */
static void
pixel_at_middle (GdkTexture *texture,
                 GtkWidget  *root,
                 GtkWidget  *widget,
                 guint8      rgb[3])
{
  graphene_point_t middle;

  g_assert_true (gtk_widget_compute_point (widget, root,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &middle));
  g_assert_true (eb_test_texture_pixel (texture, (int) middle.x, (int) middle.y, rgb));
}

/* Whether @widget is drawn inside @root's visible area. */
static gboolean
is_shown_in (GtkWidget *widget,
             GtkWidget *root)
{
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (widget) &&
         gtk_widget_compute_bounds (widget, root, &bounds) &&
         bounds.size.width > 0 && bounds.size.height > 0 &&
         bounds.origin.x >= 0 && bounds.origin.y >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (root) &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (root);
}

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  GtkWidget *swatch = GTK_WIDGET (child (f, "color_swatch"));
  g_autoptr(GdkTexture) texture = NULL;
  guint8 rgb[3];

  g_object_set (f->link,
                "kind", EB_LINK_KIND_SUPPORTS,
                "credibility", 2u,
                "color", "#7c3aed",
                NULL);
  eb_test_run_for (300);
  texture = eb_test_render (root);
  eb_test_save_texture (texture, tmp_dir, "link-details.png");

  /* Both ends are on screen, named, with which end each is. */
  g_assert_true (is_shown_in (GTK_WIDGET (child (f, "from_row")), root));
  g_assert_true (is_shown_in (GTK_WIDGET (child (f, "to_row")), root));
  g_assert_cmpstr (row_title (f, "from_row"), ==, "Vladimir Putin");
  g_assert_cmpstr (row_title (f, "to_row"), ==, "Bashar al-Assad");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "from_row")), ==, "From");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "to_row")), ==, "To");

  /* The swatch is drawn in the link's colour. */
  g_assert_true (is_shown_in (swatch, root));
  pixel_at_middle (texture, root, swatch, rgb);
  g_assert_cmpint (ABS (rgb[0] - 0x7c), <=, 2);
  g_assert_cmpint (ABS (rgb[1] - 0x3a), <=, 2);
  g_assert_cmpint (ABS (rgb[2] - 0xed), <=, 2);
  g_clear_object (&texture);

  /* Back to the kind's colour, the swatch is green for "supports". */
  g_object_set (f->link, "color", NULL, NULL);
  eb_test_run_for (100);
  texture = eb_test_render (root);
  pixel_at_middle (texture, root, swatch, rgb);
  g_assert_cmpint (rgb[1], >, rgb[0] + 40);
  g_assert_cmpint (rgb[1], >, rgb[2] + 20);
  g_clear_object (&texture);

  /* With no link, none of it shows. */
  eb_link_details_set_link (f->details, NULL);
  eb_test_run_for (100);
  texture = eb_test_render (root);
  eb_test_save_texture (texture, tmp_dir, "link-details-empty.png");
  g_assert_false (is_shown_in (GTK_WIDGET (child (f, "from_row")), root));
  g_assert_false (is_shown_in (swatch, root));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  tmp_dir = g_dir_make_tmp ("eb-test-link-details-XXXXXX", &error);
  g_assert_no_error (error);

  gtk_test_init (&argc, &argv, NULL);
  g_resources_register (eb_get_resource ());
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/eb/link-details/shows-link", test_shows_link);
  ADD ("/eb/link-details/kind", test_kind);
  ADD ("/eb/link-details/label-typing", test_label_typing);
  ADD ("/eb/link-details/color", test_color);
  ADD ("/eb/link-details/removed", test_removed);
  ADD ("/eb/link-details/frame-end", test_frame_end);
  ADD ("/eb/link-details/card-links-to-frame", test_card_links_to_frame);
  ADD ("/eb/link-details/not-editable", test_not_editable);
  ADD ("/eb/link-details/screenshot", test_screenshot);

#undef ADD

  return g_test_run ();
}
