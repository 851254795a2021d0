/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "eb-board.h"
#include "eb-date.h"
#include "eb-history.h"
#include "eb-limits.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_card_defaults (void)
{
  g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_PERSON);
  g_autoptr(EbCard) other = eb_card_new (EB_CARD_KIND_PERSON);
  const char *id = eb_item_get_id (EB_ITEM (card));

  g_assert_cmpuint (strlen (id), ==, 32);
  for (guint i = 0; i < 32; i++)
    g_assert_true (g_ascii_isxdigit (id[i]));
  g_assert_cmpstr (id, !=, eb_item_get_id (EB_ITEM (other)));
  g_assert_true (eb_id_is_valid (id));

  g_assert_cmpint (eb_card_get_kind (card), ==, EB_CARD_KIND_PERSON);
  g_assert_cmpfloat (eb_card_get_width (card), ==, 220);
  g_assert_cmpfloat (eb_card_get_height (card), ==, 100);
  g_assert_cmpint (eb_item_get_created (EB_ITEM (card)), >, 0);
  g_assert_cmpint (eb_item_get_modified (EB_ITEM (card)), ==, eb_item_get_created (EB_ITEM (card)));
  g_assert_null (eb_card_get_title (card));
  g_assert_cmpint (eb_card_get_grade (card), ==, EB_GRADE_NONE);
}

static void
test_card_notify_only_on_change (void)
{
  g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_EVENT);
  guint title_count = 0, x_count = 0;

  g_signal_connect (card, "notify::title", G_CALLBACK (count_notify), &title_count);
  g_signal_connect (card, "notify::x", G_CALLBACK (count_notify), &x_count);

  g_object_set (card, "title", "Fall of Damascus", NULL);
  g_object_set (card, "title", "Fall of Damascus", NULL);
  g_assert_cmpuint (title_count, ==, 1);

  /* Empty and NULL are one value. */
  g_object_set (card, "title", "", NULL);
  g_assert_null (eb_card_get_title (card));
  g_object_set (card, "title", NULL, NULL);
  g_assert_cmpuint (title_count, ==, 2);

  eb_card_set_position (card, 10, 20);
  eb_card_set_position (card, 10, 30);
  g_assert_cmpuint (x_count, ==, 1);
  g_assert_cmpfloat (eb_card_get_y (card), ==, 30);
}

static void
test_card_display_title (void)
{
  g_autoptr(EbCard) note = eb_card_new (EB_CARD_KIND_NOTE);
  g_autofree char *untitled = eb_card_dup_display_title (note);
  g_autofree char *first_line = NULL;

  g_assert_cmpstr (untitled, ==, "Untitled");
  g_object_set (note, "notes", "Did Jaafari ask?\nTASS says so; he denies it.", NULL);
  first_line = eb_card_dup_display_title (note);
  g_assert_cmpstr (first_line, ==, "Did Jaafari ask?");

  /* Notes from Obsidian: blank lines and heading marks are not the name. */
  {
    struct { const char *notes; const char *shown; } cases[] = {
      { "\n\n## Timeline of the flight\r\nfirst TASS", "Timeline of the flight" },
      { "# Шабаш", "Шабаш" },
      { "#hashtag stays", "#hashtag stays" },
      { "  \n\t\n", "Untitled" },
      { "###\nbody", "###" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *shown = NULL;

        g_object_set (note, "notes", cases[i].notes, NULL);
        shown = eb_card_dup_display_title (note);
        g_assert_cmpstr (shown, ==, cases[i].shown);
      }
  }
}

static void
test_grades (void)
{
  g_assert_cmpstr (eb_grade_to_string (EB_GRADE_NONE), ==, "");
  g_assert_cmpstr (eb_grade_to_string (EB_GRADE_B), ==, "B");
  g_assert_cmpstr (eb_grade_to_string (EB_GRADE_F), ==, "F");
  g_assert_cmpstr (eb_grade_describe (EB_GRADE_A), ==, "Completely reliable");
  g_assert_cmpstr (eb_card_kind_to_string (EB_CARD_KIND_SOURCE), ==, "source");
  g_assert_cmpstr (eb_credibility_describe (1), ==, "Confirmed by other sources");
}

static void
test_date_parse (void)
{
  struct { const char *text; EbDatePrecision precision; } good[] = {
    { NULL, EB_DATE_PRECISION_NONE },
    { "", EB_DATE_PRECISION_NONE },
    { "2024", EB_DATE_PRECISION_YEAR },
    { "2024-12", EB_DATE_PRECISION_MONTH },
    { "2024-12-08", EB_DATE_PRECISION_DAY },
    { "2024-02-29", EB_DATE_PRECISION_DAY },
    { "2024-12-08T14:30", EB_DATE_PRECISION_MINUTE },
  };
  const char *bad[] = {
    "24", "2024-1", "2024-13", "2023-02-29", "2024-12-32", "2024-12-08T25:00",
    "2024-12-08T14:60", "2024/12/08", "abcd", "2024-12-08 14:30", "0000",
    "2024-12-08T14:30:00", "+2024", "2024-12-08T14:3x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GDateTime) start = NULL;
      EbDatePrecision precision;

      g_assert_true (eb_date_parse (good[i].text, &precision, &start));
      g_assert_cmpint (precision, ==, good[i].precision);
      g_assert_true ((start == NULL) == (precision == EB_DATE_PRECISION_NONE));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad date: %s", bad[i]);
      g_assert_false (eb_date_is_valid (bad[i]));
    }
}

static void
test_date_format (void)
{
  struct { const char *text; const char *shown; } cases[] = {
    { "2024", "2024" },
    { "2024-12", "December 2024" },
    { "2024-12-08", "8 December 2024" },
    { "2024-12-08T14:30", "8 December 2024, 14:30 UTC" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = eb_date_format (cases[i].text);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  g_assert_cmpint (eb_date_compare ("2024", "2024-12"), <, 0);
  g_assert_cmpint (eb_date_compare ("2025-04", "2024-12-08"), >, 0);
  g_assert_cmpint (eb_date_compare (NULL, "2024"), >, 0);
}

static void
test_limits (void)
{
  g_autofree char *huge = g_malloc (EB_TEXT_MAX + 2);

  memset (huge, 'a', EB_TEXT_MAX + 1);
  huge[EB_TEXT_MAX + 1] = '\0';

  g_assert_true (eb_text_is_valid ("بشار الجعفري", -1));
  g_assert_false (eb_text_is_valid ("\xff\xfe", -1));
  g_assert_false (eb_text_is_valid ("a\0b", 3));
  g_assert_false (eb_text_is_valid (huge, -1));
  g_assert_true (eb_text_is_valid (huge, EB_TEXT_MAX));

  g_assert_true (eb_color_is_valid ("#1a2B3c"));
  g_assert_true (eb_color_is_valid (NULL));
  g_assert_false (eb_color_is_valid ("#12345"));
  g_assert_false (eb_color_is_valid ("red"));
  g_assert_false (eb_color_is_valid ("#12345g"));

  g_assert_true (eb_id_is_valid ("p-bashar-assad"));
  g_assert_false (eb_id_is_valid (""));
  g_assert_false (eb_id_is_valid ("a\nb"));
  g_assert_false (eb_id_is_valid ("بشار"));
}

static void
on_item_changed (EbBoard    *board,
                 EbItem     *item,
                 GParamSpec *pspec,
                 GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
on_item_event (EbBoard   *board,
               EbItem    *item,
               GPtrArray *ids)
{
  g_ptr_array_add (ids, g_strdup (eb_item_get_id (item)));
}

static EbCard *
add_card (EbBoard    *board,
          EbCardKind  kind,
          const char *title)
{
  g_autoptr(EbCard) card = eb_card_new (kind);
  g_autoptr(GError) error = NULL;

  g_object_set (card, "title", title, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (card), &error));
  g_assert_no_error (error);
  return card;
}

static void
test_board_add_remove (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbLink) link = NULL;
  g_autoptr(EbLink) other = NULL;
  g_autoptr(EbFrame) frame = eb_frame_new ("Moscow", 0, 0, 800, 600);
  g_autofree char *assad_id = NULL;
  EbCard *assad, *putin, *tass;

  g_signal_connect (board, "item-added", G_CALLBACK (on_item_event), added);
  g_signal_connect (board, "item-removed", G_CALLBACK (on_item_event), removed);

  assad = add_card (board, EB_CARD_KIND_PERSON, "Bashar al-Assad");
  putin = add_card (board, EB_CARD_KIND_PERSON, "Vladimir Putin");
  tass = add_card (board, EB_CARD_KIND_SOURCE, "TASS");
  g_assert_true (eb_board_add (board, EB_ITEM (frame), NULL));

  link = eb_link_new (eb_item_get_id (EB_ITEM (putin)), eb_item_get_id (EB_ITEM (assad)),
                      EB_LINK_KIND_RELATED, "granted asylum to");
  other = eb_link_new (eb_item_get_id (EB_ITEM (assad)), eb_item_get_id (EB_ITEM (tass)),
                       EB_LINK_KIND_REPORTED_BY, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (link), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (other), NULL));

  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_frames (board)), ==, 1);
  g_assert_cmpuint (eb_board_get_n_items (board), ==, 6);
  g_assert_cmpuint (added->len, ==, 6);
  g_assert_true (eb_board_lookup (board, eb_item_get_id (EB_ITEM (link))) == EB_ITEM (link));
  g_assert_true (eb_board_lookup_card (board, eb_item_get_id (EB_ITEM (link))) == NULL);
  g_assert_cmpuint (eb_board_get_position (board, EB_ITEM (tass)), ==, 2);

  /* The same id twice is refused, and the board is unchanged. */
  {
    g_autoptr(EbItem) copy = eb_item_copy (EB_ITEM (putin));

    g_assert_false (eb_board_add (board, copy, &error));
    g_assert_error (error, EB_BOARD_ERROR, EB_BOARD_ERROR_DUPLICATE_ID);
    g_clear_error (&error);
    g_assert_cmpuint (eb_board_get_n_items (board), ==, 6);
  }

  /* A link to a card that is not there is refused. */
  {
    g_autoptr(EbLink) dangling = eb_link_new (eb_item_get_id (EB_ITEM (putin)), "nowhere",
                                              EB_LINK_KIND_RELATED, NULL);

    g_assert_false (eb_board_add (board, EB_ITEM (dangling), &error));
    g_assert_error (error, EB_BOARD_ERROR, EB_BOARD_ERROR_MISSING_CARD);
    g_clear_error (&error);
  }

  /* Removing Assad takes both of his links along. */
  assad_id = g_strdup (eb_item_get_id (EB_ITEM (assad)));
  eb_board_remove (board, EB_ITEM (assad));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 0);
  g_assert_cmpuint (removed->len, ==, 3);
  /* The links go before the card they hang on. */
  g_assert_cmpstr (g_ptr_array_index (removed, 2), ==, assad_id);
  g_assert_null (eb_board_lookup (board, eb_item_get_id (EB_ITEM (link))));
  g_assert_cmpuint (eb_board_get_n_items (board), ==, 3);
}

static void
test_board_link_ends_fixed (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  EbCard *a = add_card (board, EB_CARD_KIND_PERSON, "Asma al-Assad");
  EbCard *b = add_card (board, EB_CARD_KIND_PERSON, "Bashar al-Assad");
  g_autoptr(EbLink) link = eb_link_new (eb_item_get_id (EB_ITEM (a)), eb_item_get_id (EB_ITEM (b)),
                                        EB_LINK_KIND_RELATED, "wife of");
  GParamSpec *to = g_object_class_find_property (G_OBJECT_GET_CLASS (link), "to-id");
  g_autoptr(GPtrArray) of_a = NULL;
  g_autoptr(GPtrArray) of_b = NULL;

  /* A link's ends are fixed when it is made, so it can never come to
   * point at a card that is not on the board. */
  g_assert_true (to->flags & G_PARAM_CONSTRUCT_ONLY);
  g_assert_true (eb_board_add (board, EB_ITEM (link), NULL));
  of_a = eb_board_dup_links_of_card (board, eb_item_get_id (EB_ITEM (a)));
  of_b = eb_board_dup_links_of_card (board, eb_item_get_id (EB_ITEM (b)));
  g_assert_cmpuint (of_a->len, ==, 1);
  g_assert_cmpuint (of_b->len, ==, 1);

  /* Removing either card takes the link along. */
  eb_board_remove (board, EB_ITEM (b));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 0);
  g_clear_pointer (&of_a, g_ptr_array_unref);
  of_a = eb_board_dup_links_of_card (board, eb_item_get_id (EB_ITEM (a)));
  g_assert_cmpuint (of_a->len, ==, 0);
}

/* A link may join cards and frames (a JSON Canvas edge to a group), in
 * any mix, but never a link; a frame takes its links with it, and one
 * undo brings the frame and its links back. Sides and backgrounds are
 * fields like any other: copied, compared. */
static void
test_board_links_to_frames (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  EbCard *assad = add_card (board, EB_CARD_KIND_PERSON, "Bashar al-Assad");
  g_autoptr(EbFrame) moscow = eb_frame_new ("Moscow", 0, 300, 800, 400);
  g_autoptr(EbFrame) damascus = eb_frame_new ("Damascus", 0, -600, 800, 400);
  g_autoptr(EbLink) fled = NULL, route = NULL, on_link = NULL;
  g_autoptr(EbItem) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) of_moscow = NULL;
  g_autofree char *moscow_id = NULL;

  g_assert_true (eb_board_add (board, EB_ITEM (moscow), NULL));
  g_assert_true (eb_board_add (board, EB_ITEM (damascus), NULL));
  moscow_id = g_strdup (eb_item_get_id (EB_ITEM (moscow)));

  fled = eb_link_new (eb_item_get_id (EB_ITEM (assad)), moscow_id, EB_LINK_KIND_RELATED, "fled to");
  g_assert_cmpint (eb_link_get_from_side (fled), ==, EB_LINK_SIDE_NONE);
  g_assert_cmpint (eb_link_get_to_side (fled), ==, EB_LINK_SIDE_NONE);
  g_object_set (fled, "to-side", EB_LINK_SIDE_TOP, NULL);
  g_assert_true (eb_history_add (history, EB_ITEM (fled), &error));
  g_assert_no_error (error);
  route = eb_link_new (eb_item_get_id (EB_ITEM (damascus)), moscow_id, EB_LINK_KIND_RELATED, NULL);
  g_assert_true (eb_history_add (history, EB_ITEM (route), &error));
  g_assert_no_error (error);
  g_assert_true (eb_board_lookup_link_end (board, moscow_id) == EB_ITEM (moscow));
  g_assert_null (eb_board_lookup_link_end (board, eb_item_get_id (EB_ITEM (fled))));

  /* Not to a link. */
  on_link = eb_link_new (eb_item_get_id (EB_ITEM (assad)), eb_item_get_id (EB_ITEM (fled)),
                         EB_LINK_KIND_RELATED, NULL);
  g_assert_false (eb_board_add (board, EB_ITEM (on_link), &error));
  g_assert_error (error, EB_BOARD_ERROR, EB_BOARD_ERROR_MISSING_CARD);
  g_assert_nonnull (strstr (error->message, "card or frame"));
  g_clear_error (&error);

  of_moscow = eb_board_dup_links_of_card (board, moscow_id);
  g_assert_cmpuint (of_moscow->len, ==, 2);

  /* Fields like any other. */
  g_object_set (moscow, "background", "Attachments/moscow.png",
                "background-style", EB_FRAME_BACKGROUND_STYLE_RATIO, NULL);
  copy = eb_item_copy (EB_ITEM (fled));
  g_assert_true (eb_item_equal (copy, EB_ITEM (fled)));
  g_assert_cmpint (eb_link_get_to_side (EB_LINK (copy)), ==, EB_LINK_SIDE_TOP);
  g_object_set (copy, "from-side", EB_LINK_SIDE_LEFT, NULL);
  g_assert_false (eb_item_equal (copy, EB_ITEM (fled)));
  g_clear_object (&copy);
  copy = eb_item_copy (EB_ITEM (moscow));
  g_assert_true (eb_item_equal (copy, EB_ITEM (moscow)));
  g_assert_cmpstr (eb_frame_get_background (EB_FRAME (copy)), ==, "Attachments/moscow.png");
  g_object_set (copy, "background-style", EB_FRAME_BACKGROUND_STYLE_COVER, NULL);
  g_assert_false (eb_item_equal (copy, EB_ITEM (moscow)));

  /* Deleting the frame deletes its two links, in one step. */
  eb_history_remove (history, EB_ITEM (moscow));
  g_assert_null (eb_board_lookup (board, moscow_id));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_frames (board)), ==, 1);

  /* One undo brings all three back, as they were. */
  g_assert_true (eb_history_undo (history));
  g_assert_nonnull (eb_board_lookup (board, moscow_id));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 2);
  g_assert_cmpint (eb_link_get_to_side (EB_LINK (eb_board_lookup (board, eb_item_get_id (EB_ITEM (fled))))),
                   ==, EB_LINK_SIDE_TOP);
  g_assert_cmpstr (eb_frame_get_background (EB_FRAME (eb_board_lookup (board, moscow_id))), ==,
                   "Attachments/moscow.png");
  g_clear_pointer (&of_moscow, g_ptr_array_unref);
  of_moscow = eb_board_dup_links_of_card (board, moscow_id);
  g_assert_cmpuint (of_moscow->len, ==, 2);

  /* And redo takes them again. */
  g_assert_true (eb_history_redo (history));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 0);
  g_assert_null (eb_board_lookup (board, moscow_id));
}

static void
on_batch (EbBoard *board,
          guint   *count)
{
  (*count)++;
}

static void
test_board_signals (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint begun = 0, ended = 0;
  EbCard *card;
  gint64 modified;

  card = add_card (board, EB_CARD_KIND_EVENT, "Fall of Damascus");
  modified = eb_item_get_modified (EB_ITEM (card));
  g_signal_connect (board, "item-changed", G_CALLBACK (on_item_changed), names);
  g_signal_connect (board, "batch-begun", G_CALLBACK (on_batch), &begun);
  g_signal_connect (board, "batch-ended", G_CALLBACK (on_batch), &ended);

  g_usleep (2);
  g_object_set (card, "date", "2024-12-08", NULL);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "modified");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "date");
  g_assert_cmpint (eb_item_get_modified (EB_ITEM (card)), >, modified);

  eb_board_begin_batch (board);
  eb_board_begin_batch (board);
  g_assert_true (eb_board_in_batch (board));
  eb_board_end_batch (board);
  eb_board_end_batch (board);
  g_assert_false (eb_board_in_batch (board));
  g_assert_cmpuint (begun, ==, 1);
  g_assert_cmpuint (ended, ==, 1);

  /* A card taken off the board no longer reports its changes. */
  g_object_ref (card);
  eb_board_remove (board, EB_ITEM (card));
  g_ptr_array_set_size (names, 0);
  g_object_set (card, "place", "Damascus", NULL);
  g_assert_cmpuint (names->len, ==, 0);
  g_object_unref (card);
}

static void
test_item_copy_equal (void)
{
  g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_SOURCE);
  g_autoptr(EbItem) copy = NULL;
  g_autoptr(EbLink) link = eb_link_new ("a", "b", EB_LINK_KIND_CONTRADICTS, "denies");
  g_autoptr(EbItem) link_copy = NULL;

  g_object_set (card,
                "title", "Jaafari asked for asylum",
                "publisher", "TASS",
                "url", "https://example.org/a",
                "date", "2025-04",
                "grade", EB_GRADE_C,
                "color", "#aabbcc",
                "x", 12.5, "y", -40.0, "width", 300.0, "height", 90.0,
                NULL);
  copy = eb_item_copy (EB_ITEM (card));
  g_assert_cmpstr (eb_item_get_id (copy), ==, eb_item_get_id (EB_ITEM (card)));
  g_assert_true (eb_item_equal (EB_ITEM (card), copy));
  g_assert_cmpint (eb_item_get_created (copy), ==, eb_item_get_created (EB_ITEM (card)));

  g_object_set (copy, "grade", EB_GRADE_D, NULL);
  g_assert_false (eb_item_equal (EB_ITEM (card), copy));

  g_object_set (link, "credibility", 2, "direction", EB_LINK_DIRECTION_BOTH, NULL);
  link_copy = eb_item_copy (EB_ITEM (link));
  g_assert_true (eb_item_equal (EB_ITEM (link), link_copy));
  g_assert_cmpuint (eb_link_get_credibility (EB_LINK (link_copy)), ==, 2);
  g_assert_false (eb_item_equal (EB_ITEM (link), EB_ITEM (card)));
}

static void
test_board_equal (void)
{
  g_autoptr(EbBoard) a = eb_board_new ();
  g_autoptr(EbBoard) b = eb_board_new ();
  g_autofree char *difference = NULL;
  EbCard *card;
  g_autoptr(EbItem) copy = NULL;

  eb_board_set_title (a, "Assad in Moscow");
  eb_board_set_title (b, "Assad in Moscow");
  card = add_card (a, EB_CARD_KIND_PERSON, "Sergei Lavrov");
  copy = eb_item_copy (EB_ITEM (card));
  g_assert_true (eb_board_add (b, copy, NULL));
  g_assert_true (eb_board_equal (a, b, NULL));

  g_object_set (copy, "role", "Foreign Minister of Russia", NULL);
  g_assert_false (eb_board_equal (a, b, &difference));
  g_assert_nonnull (strstr (difference, "card 0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eb/model/card/defaults", test_card_defaults);
  g_test_add_func ("/eb/model/card/notify-only-on-change", test_card_notify_only_on_change);
  g_test_add_func ("/eb/model/card/display-title", test_card_display_title);
  g_test_add_func ("/eb/model/card/grades", test_grades);
  g_test_add_func ("/eb/model/date/parse", test_date_parse);
  g_test_add_func ("/eb/model/date/format", test_date_format);
  g_test_add_func ("/eb/model/limits", test_limits);
  g_test_add_func ("/eb/model/board/add-remove", test_board_add_remove);
  g_test_add_func ("/eb/model/board/signals", test_board_signals);
  g_test_add_func ("/eb/model/board/equal", test_board_equal);
  g_test_add_func ("/eb/model/board/link-ends-fixed", test_board_link_ends_fixed);
  g_test_add_func ("/eb/model/board/links-to-frames", test_board_links_to_frames);
  g_test_add_func ("/eb/model/item/copy-equal", test_item_copy_equal);

  return g_test_run ();
}
