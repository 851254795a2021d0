/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eb-board.h"
#include "eb-file.h"
#include "eb-json.h"
#include "eb-limits.h"
#include "eb-test-util.h"

/* 2024-12-08T14:30:05.123456Z, Assad's flight to Moscow */
#define T0 G_GINT64_CONSTANT (1733668205123456)

/* ------------------------------------------------------------------ */
/* Boards to test with                                                 */
/* ------------------------------------------------------------------ */

static EbCard *
card_new (const char *id,
          EbCardKind  kind,
          gint64      created,
          const char *first_property,
          ...) G_GNUC_NULL_TERMINATED;

static EbCard *
card_new (const char *id,
          EbCardKind  kind,
          gint64      created,
          const char *first_property,
          ...)
{
  EbCard *card;
  va_list args;

  card = g_object_new (EB_TYPE_CARD,
                       "id", id,
                       "kind", kind,
                       "created", created,
                       "modified", created + 1,
                       NULL);
  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (card), first_property, args);
  va_end (args);

  return card;
}

/* A board with every kind of card, every field set, every date
 * precision, grade, link kind, direction and credibility, and frames. */
static EbBoard *
make_full_board (void)
{
  EbBoard *board = eb_board_new ();
  static const char *dates[] = { "2024", "2024-12", "2024-12-08", "2024-12-08T14:30" };
  static const char *colors[] = { "#3584e4", "#E01B24", "#2ec27e", "#000000" };
  guint n_links = 0;

  eb_board_set_title (board, "Assad’s asylum — بشار الأسد في موسكو");

  eb_test_take_item (board, card_new ("assad", EB_CARD_KIND_PERSON, T0, "x", -120.5, "y", 40.25,
                        "width", 240.0, "height", 130.0, "color", "#3584e4",
                        "title", "Bashar al-Assad",
                        "aliases", "Bashar al-Assad\tبشار الأسد\nAl-Assad\tالأسد",
                        "role", "Former president of Syria",
                        "notes", "Fled Damascus on 8 December 2024.\n\"Quoted\" \\ back\\slash \x01 ctl",
                        "date", "1965-09-11", "place", "Damascus",
                        NULL));
  eb_test_take_item (board, card_new ("jaafari", EB_CARD_KIND_PERSON, T0 + 1, "x", 400.0, "y", 0.1,
                        "title", "Bashar al-Jaafari",
                        "aliases", "Bashar al-Jaafari\tبشار الجعفري",
                        "role", "Ambassador to Russia", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%u", i);
      g_autofree char *title = g_strdup_printf ("Event %u ✓", i);

      eb_test_take_item (board, card_new (id, EB_CARD_KIND_EVENT, T0 + 10 + i,
                            "x", 100.0 * i + 0.3, "y", -1e7 + i, "width", EB_SIZE_MIN + i,
                            "height", EB_SIZE_MAX - i, "color", colors[i],
                            "title", title, "date", dates[i],
                            "end-date", dates[G_N_ELEMENTS (dates) - 1 - i],
                            "place", "Moscow — موسكو", "notes", "line 1\r\nline 2\u2028end",
                            NULL));
    }

  for (EbGrade grade = EB_GRADE_NONE; grade <= EB_GRADE_F; grade++)
    {
      g_autofree char *id = g_strdup_printf ("source-%s", eb_grade_to_string (grade));

      eb_test_take_item (board, card_new (id, EB_CARD_KIND_SOURCE, T0 + 20 + grade,
                            "x", 1e7, "y", 12345.678901234567,
                            "title", "Kremlin says Assad in Moscow",
                            "publisher", "TASS — تاس", "url", "https://tass.com/politics/1885595?a=1&b=2",
                            "date", dates[grade % G_N_ELEMENTS (dates)],
                            "grade", grade, NULL));
    }

  eb_test_take_item (board, card_new ("note", EB_CARD_KIND_NOTE, 1, "x", 0.0, "y", -0.0,
                        "notes", "A note with no title.\nSecond line.", NULL));

  /* Every kind, direction and credibility. */
  for (EbLinkKind kind = EB_LINK_KIND_RELATED; kind <= EB_LINK_KIND_CONTRADICTS; kind++)
    for (EbLinkDirection direction = EB_LINK_DIRECTION_NONE; direction <= EB_LINK_DIRECTION_BOTH; direction++)
      {
        g_autofree char *id = g_strdup_printf ("link-%u-%u", kind, direction);
        EbLink *link = g_object_new (EB_TYPE_LINK,
                                     "id", id,
                                     "from-id", n_links % 2 ? "assad" : "source-A",
                                     "to-id", n_links % 3 ? "jaafari" : "event-2",
                                     "kind", kind,
                                     "direction", direction,
                                     "label", n_links % 2 ? "granted asylum to — منح اللجوء" : NULL,
                                     "color", n_links % 2 ? "#c01c28" : NULL,
                                     "credibility", n_links % 7,
                                     "created", T0 + 100 + n_links,
                                     "modified", T0 + 200 + n_links,
                                     NULL);
        eb_test_take_item (board, link);
        n_links++;
      }
  g_assert_cmpuint (n_links, >=, 7);

  eb_test_take_item (board, g_object_new (EB_TYPE_FRAME, "id", "frame-1", "label", "The Jaafari affair",
                            "x", -500.0, "y", -400.0, "width", 900.0, "height", 700.5,
                            "color", "#f6d32d", "created", T0 + 300, "modified", T0 + 301,
                            "background", "Attachments/الجعفري.png",
                            "background-style", EB_FRAME_BACKGROUND_STYLE_REPEAT, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_FRAME, "id", "frame-2",
                            "created", T0 + 302, "modified", T0 + 999999, NULL));

  /* Every side, at cards and at frames, and a link between frames. */
  for (EbLinkSide side = EB_LINK_SIDE_NONE; side <= EB_LINK_SIDE_LEFT; side++)
    {
      g_autofree char *id = g_strdup_printf ("side-%u", side);

      eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", id,
                                "from-id", side % 2 ? "frame-1" : "assad",
                                "to-id", side % 2 ? "jaafari" : "frame-2",
                                "from-side", side, "to-side", (side + 2) % 5,
                                "created", T0 + 400 + side, "modified", T0 + 400 + side, NULL));
    }
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "frames", "from-id", "frame-1", "to-id", "frame-2",
                            "label", "then", "created", T0 + 500, "modified", T0 + 500, NULL));

  return board;
}

static char *
write_board (EbBoard *board)
{
  gsize length = 0;
  char *text = eb_json_write (board, &length);

  g_assert_nonnull (text);
  g_assert_cmpuint (length, ==, strlen (text));
  return text;
}

static EbBoard *
read_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  EbBoard *board = eb_json_read (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (board);
  return board;
}

/* ------------------------------------------------------------------ */
/* Round trips                                                         */
/* ------------------------------------------------------------------ */

static void
test_roundtrip_full (void)
{
  g_autoptr(EbBoard) board = make_full_board ();
  g_autoptr(EbBoard) back = NULL;
  g_autoptr(EbBoard) again = NULL;
  g_autofree char *text = write_board (board);
  g_autofree char *text2 = NULL;

  back = read_ok (text);
  eb_test_assert_boards_equal (board, back);

  /* Text → board → text gives the same bytes. */
  text2 = write_board (back);
  g_assert_cmpstr (text, ==, text2);

  again = read_ok (text2);
  eb_test_assert_boards_equal (board, again);

  /* What people will look at in the file. */
  /* Sides, backgrounds and links at frames need version 2. */
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"evidence-board\",\n  \"version\": 2,\n"));
  g_assert_nonnull (strstr (text, "\"aliases\": \"Bashar al-Assad\\tبشار الأسد\\nAl-Assad\\tالأسد\""));
  g_assert_nonnull (strstr (text, "\"created\": \"2024-12-08T14:30:05.123456Z\""));
  g_assert_nonnull (strstr (text, "\"created\": \"1970-01-01T00:00:00.000001Z\""));
  g_assert_nonnull (strstr (text, "\"y\": 0.1,"));
  g_assert_nonnull (strstr (text, "\"kind\": \"reported-by\""));
  g_assert_nonnull (strstr (text, "\"grade\": \"F\""));
  g_assert_nonnull (strstr (text, "\"end_date\": \"2024\""));
  g_assert_nonnull (strstr (text, "\\u0001 ctl"));
  g_assert_nonnull (strstr (text, "line 2\\u2028end"));
  g_assert_true (g_str_has_suffix (text, "\n  ]\n}\n"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
test_roundtrip_empty (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbBoard) back = NULL;
  g_autofree char *text = write_board (board);

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"format\": \"evidence-board\",\n"
                   "  \"version\": 1,\n"
                   "  \"cards\": [],\n"
                   "  \"links\": [],\n"
                   "  \"frames\": []\n"
                   "}\n");
  back = read_ok (text);
  eb_test_assert_boards_equal (board, back);
}

/* The file says the lowest version that holds the board: 1 while it
 * uses nothing of version 2, so older builds still open it whole; 2 as
 * soon as one link has a side or ends at a frame, or one frame has a
 * background, which an older build would drop. Both versions read. */
static void
test_version (void)
{
  struct {
    const char *what;
    const char *property;   /* NULL: a link from a card to a frame */
  } uses[] = {
    { "from side", "from-side" },
    { "to side", "to-side" },
    { "background", "background" },
    { "background style", "background-style" },
    { "link at a frame", NULL },
  };

  for (guint u = 0; u < G_N_ELEMENTS (uses); u++)
    {
      g_autoptr(EbBoard) board = eb_board_new ();
      g_autoptr(EbBoard) back = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      EbLink *link = g_object_new (EB_TYPE_LINK, "id", "l", "from-id", "a", "to-id", "b", NULL);
      EbFrame *frame = g_object_new (EB_TYPE_FRAME, "id", "f", NULL);

      eb_test_take_item (board, card_new ("a", EB_CARD_KIND_PERSON, T0, "title", "a", NULL));
      eb_test_take_item (board, card_new ("b", EB_CARD_KIND_EVENT, T0, "title", "b", NULL));
      eb_test_take_item (board, frame);
      eb_test_take_item (board, link);

      before = write_board (board);
      g_assert_nonnull (strstr (before, "\"version\": 1,"));
      g_assert_cmpuint (eb_json_format_version_of (board), ==, 1);

      if (g_strcmp0 (uses[u].property, "from-side") == 0 || g_strcmp0 (uses[u].property, "to-side") == 0)
        g_object_set (link, uses[u].property, EB_LINK_SIDE_TOP, NULL);
      else if (g_strcmp0 (uses[u].property, "background") == 0)
        g_object_set (frame, "background", "map.png", NULL);
      else if (g_strcmp0 (uses[u].property, "background-style") == 0)
        g_object_set (frame, "background-style", EB_FRAME_BACKGROUND_STYLE_COVER, NULL);
      else
        {
          eb_board_remove (board, EB_ITEM (link));
          eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "l", "from-id", "a", "to-id", "f", NULL));
        }

      after = write_board (board);
      if (strstr (after, "\"version\": 2,") == NULL)
        g_error ("A board with a %s was written as %.60s", uses[u].what, after);
      g_assert_cmpuint (eb_json_format_version_of (board), ==, EB_JSON_FORMAT_VERSION);

      back = eb_json_read (after, strlen (after), &error);
      g_assert_no_error (error);
      eb_test_assert_boards_equal (board, back);
    }

  /* Version 1 files, as builds before version 2 wrote them and as this
   * one writes boards without the new fields, still read. */
  {
    g_autofree char *path = g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "data", "samples",
                                              "assad-asylum.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(EbBoard) sample = eb_json_read_file (path, &error);
    g_autofree char *text = NULL;
    g_autoptr(EbBoard) back = NULL;

    g_assert_no_error (error);
    text = write_board (sample);
    back = read_ok (text);

    g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"evidence-board\",\n  \"version\": 1,\n"));
    eb_test_assert_boards_equal (sample, back);
  }
}

/* Pins the exact layout of an item, so that a change to the format is a
 * deliberate one. */
static void
test_roundtrip_layout (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autofree char *text = NULL;

  eb_board_set_title (board, "T");
  eb_test_take_item (board, card_new ("c1", EB_CARD_KIND_PERSON, T0, "x", 1.5, "y", -2.0, "grade", EB_GRADE_B,
                        "title", "Name", NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "l1", "from-id", "c1", "to-id", "c1",
                            "created", T0, "modified", T0, NULL));
  text = write_board (board);

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"format\": \"evidence-board\",\n"
                   "  \"version\": 1,\n"
                   "  \"title\": \"T\",\n"
                   "  \"cards\": [\n"
                   "    {\n"
                   "      \"id\": \"c1\",\n"
                   "      \"kind\": \"person\",\n"
                   "      \"x\": 1.5,\n"
                   "      \"y\": -2,\n"
                   "      \"width\": 220,\n"
                   "      \"height\": 100,\n"
                   "      \"created\": \"2024-12-08T14:30:05.123456Z\",\n"
                   "      \"modified\": \"2024-12-08T14:30:05.123457Z\",\n"
                   "      \"title\": \"Name\",\n"
                   "      \"grade\": \"B\"\n"
                   "    }\n"
                   "  ],\n"
                   "  \"links\": [\n"
                   "    {\n"
                   "      \"id\": \"l1\",\n"
                   "      \"from\": \"c1\",\n"
                   "      \"to\": \"c1\",\n"
                   "      \"kind\": \"related\",\n"
                   "      \"direction\": \"forward\",\n"
                   "      \"credibility\": 0,\n"
                   "      \"created\": \"2024-12-08T14:30:05.123456Z\",\n"
                   "      \"modified\": \"2024-12-08T14:30:05.123456Z\"\n"
                   "    }\n"
                   "  ],\n"
                   "  \"frames\": []\n"
                   "}\n");
}

/* Doubles come back exactly, written no longer than they need. */
static void
test_roundtrip_numbers (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbBoard) back = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      double x = g_test_rand_double_range (-EB_COORD_MAX, EB_COORD_MAX);
      double y = g_test_rand_double_range (-1, 1) * (i % 10 == 0 ? 1e-300 : 1);
      double w = g_test_rand_double_range (EB_SIZE_MIN, EB_SIZE_MAX);

      eb_test_take_item (board, card_new (id, EB_CARD_KIND_NOTE, T0, "x", x, "y", y, "width", w,
                            "height", EB_SIZE_MIN, NULL));
    }

  text = write_board (board);
  back = read_ok (text);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(EbCard) a = g_list_model_get_item (eb_board_get_cards (board), i);
      g_autoptr(EbCard) b = g_list_model_get_item (eb_board_get_cards (back), i);

      /* Exactly, not within an epsilon. */
      g_assert_true (eb_card_get_x (a) == eb_card_get_x (b));
      g_assert_true (eb_card_get_y (a) == eb_card_get_y (b));
      g_assert_true (eb_card_get_width (a) == eb_card_get_width (b));
    }
}

/* Hand-written JSON: integers for numbers, members in any order, only
 * the required ones; the rest take the model's defaults. */
static void
test_defaults (void)
{
  const char *text =
    "{\"cards\":[{\"kind\":\"event\",\"id\":\"e\"},{\"id\":\"n\",\"x\":-5,\"y\":1E2}],"
    "\"version\":1,\"format\":\"evidence-board\","
    "\"links\":[{\"id\":\"l\",\"from\":\"e\",\"to\":\"n\",\"created\":\"2024-12-08T14:30:05Z\"}],"
    "\"ignored\":{\"future\":[1,2,3]}}";
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(EbCard) event = NULL;
  g_autoptr(EbCard) note = NULL;
  g_autoptr(EbLink) link = NULL;
  gint64 before = g_get_real_time ();

  board = read_ok (text);
  g_assert_null (eb_board_get_title (board));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_frames (board)), ==, 0);

  event = g_list_model_get_item (eb_board_get_cards (board), 0);
  note = g_list_model_get_item (eb_board_get_cards (board), 1);
  link = g_list_model_get_item (eb_board_get_links (board), 0);

  g_assert_cmpint (eb_card_get_kind (event), ==, EB_CARD_KIND_EVENT);
  g_assert_cmpint (eb_card_get_kind (note), ==, EB_CARD_KIND_NOTE);
  g_assert_cmpfloat (eb_card_get_x (event), ==, 0);
  g_assert_cmpfloat (eb_card_get_width (event), ==, 220);
  g_assert_cmpfloat (eb_card_get_height (event), ==, 100);
  g_assert_cmpfloat (eb_card_get_x (note), ==, -5);
  g_assert_cmpfloat (eb_card_get_y (note), ==, 100);
  g_assert_null (eb_card_get_title (event));
  g_assert_cmpint (eb_card_get_grade (event), ==, EB_GRADE_NONE);

  /* No times: created is now, and modified follows created. */
  g_assert_cmpint (eb_item_get_created (EB_ITEM (event)), >=, before);
  g_assert_cmpint (eb_item_get_created (EB_ITEM (event)), <=, g_get_real_time ());
  g_assert_cmpint (eb_item_get_modified (EB_ITEM (event)), ==, eb_item_get_created (EB_ITEM (event)));

  g_assert_cmpint (eb_link_get_kind (link), ==, EB_LINK_KIND_RELATED);
  g_assert_cmpint (eb_link_get_direction (link), ==, EB_LINK_DIRECTION_FORWARD);
  g_assert_cmpuint (eb_link_get_credibility (link), ==, 0);
  g_assert_cmpint (eb_item_get_created (EB_ITEM (link)), ==, T0 - 123456);
  g_assert_cmpint (eb_item_get_modified (EB_ITEM (link)), ==, T0 - 123456);
}

static gint64
read_created (const char *time)
{
  g_autofree char *text = g_strdup_printf ("{\"format\":\"evidence-board\",\"version\":1,"
                                           "\"cards\":[{\"id\":\"c\",\"created\":\"%s\"}]}", time);
  g_autoptr(EbBoard) board = read_ok (text);
  g_autoptr(EbItem) card = g_list_model_get_item (eb_board_get_cards (board), 0);

  return eb_item_get_created (card);
}

static void
assert_read_fails (const char  *text,
                   gssize       length,
                   EbJsonError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;

  board = eb_json_read (text, length < 0 ? strlen (text) : (gsize) length, &error);
  if (board != NULL || !g_error_matches (error, EB_JSON_ERROR, code))
    {
      g_autofree char *shown = g_strndup (text, 200);
      g_error ("expected error %d for “%s”, got %s", code, shown,
               error ? error->message : "a board");
    }

  /* One line, for the command line and for a dialog. */
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (strlen (error->message), >, 10);
}

static void
test_times (void)
{
  g_assert_cmpint (read_created ("2024-12-08T14:30:05.123456Z"), ==, T0);
  g_assert_cmpint (read_created ("2024-12-08T14:30:05.999999Z"), ==, T0 - 123456 + 999999);
  g_assert_cmpint (read_created ("2024-12-08T14:30:05.1Z"), ==, T0 - 123456 + 100000);
  g_assert_cmpint (read_created ("2024-12-08T14:30:05.123Z"), ==, T0 - 456);
  g_assert_cmpint (read_created ("2024-12-08T14:30:05.123456789Z"), ==, T0);
  g_assert_cmpint (read_created ("2024-12-08T15:30:05.123456+01:00"), ==, T0);
  g_assert_cmpint (read_created ("2024-12-08T09:00:05.123456-05:30"), ==, T0);
  g_assert_cmpint (read_created ("1970-01-01T00:00:00.000001Z"), ==, 1);
  g_assert_cmpint (read_created ("9999-12-31T23:59:59.999999Z"), ==, G_GINT64_CONSTANT (253402300799999999));

  {
    static const char *bad[] = {
      "", "2024-12-08", "2024-12-08T14:30", "2024-12-08 14:30:05Z", "2024-12-08T14:30:05",
      "2024-12-08T14:30:05.Z", "2024-12-08T14:30:05.1234567890Z", "2024-02-30T00:00:00Z",
      "2024-12-08T24:00:00Z", "2024-12-08T14:30:60Z", "1969-12-31T23:59:59Z",
      "0000-01-01T00:00:00Z", "2024-12-08T14:30:05+1:00", "2024-12-08T14:30:05Zjunk",
      "+2024-12-08T14:30:05Z", "2024-13-08T14:30:05Z", "２０２４-12-08T14:30:05Z",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *text = g_strdup_printf ("{\"format\":\"evidence-board\",\"version\":1,"
                                                 "\"cards\":[{\"id\":\"c\",\"modified\":\"%s\"}]}",
                                                 bad[i]);
        assert_read_fails (text, -1, EB_JSON_ERROR_INVALID);
      }
  }
}

static void
test_order (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbBoard) back = NULL;
  g_autofree char *text = NULL;
  static const char *ids[] = { "z", "a", "m", "b", "y" };

  /* Neither by id nor by position: a reader that sorted by either fails. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    eb_test_take_item (board, card_new (ids[i], EB_CARD_KIND_NOTE, T0, "x", 100.0 - 10.0 * i, NULL));

  text = write_board (board);
  back = read_ok (text);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(EbItem) card = g_list_model_get_item (eb_board_get_cards (back), i);
      g_assert_cmpstr (eb_item_get_id (card), ==, ids[i]);
    }
}

/* A UTF-8 byte order mark at the start is accepted and skipped. */
static void
test_bom (void)
{
  g_autoptr(EbBoard) board = make_full_board ();
  g_autoptr(EbBoard) back = NULL;
  g_autofree char *text = write_board (board);
  g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", text, NULL);
  g_autofree char *bom_inside = g_strconcat (" \xef\xbb\xbf", text, NULL);

  back = read_ok (with_bom);
  eb_test_assert_boards_equal (board, back);

  /* Anywhere else it is not white space. */
  assert_read_fails (bom_inside, -1, EB_JSON_ERROR_SYNTAX);
  assert_read_fails ("\xef\xbb\xbf", -1, EB_JSON_ERROR_SYNTAX);
  assert_read_fails ("\xef\xbb\xbf\xef\xbb\xbf{}", -1, EB_JSON_ERROR_SYNTAX);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static void
test_file (void)
{
  g_autoptr(EbBoard) board = make_full_board ();
  g_autoptr(EbBoard) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eb-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no-such-dir", "board.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = write_board (board);
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_true (eb_json_write_file (board, path, &error));
  g_assert_no_error (error);
  /* Writing twice replaces the file. */
  g_assert_true (eb_json_write_file (board, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);

  back = eb_json_read_file (path, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (board, back);

  /* No temporary files left beside it. */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  /* Messages name the file. */
  g_assert_null (eb_json_read_file (missing, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  g_assert_null (eb_json_read_file (dir, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (eb_json_write_file (board, unwritable, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, unwritable));
  g_clear_error (&error);

  /* Board errors from a file name the file too. */
  g_assert_true (g_file_set_contents (path, "{'a': 1}", -1, NULL));
  g_assert_null (eb_json_read_file (path, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (strstr (error->message, "Line 1, column 2") != NULL);
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (dir);
}

/* A file over the limit is refused before it is read. */
static void
test_file_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eb-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  /* Sparse: takes no disk space. */
  g_assert_cmpint (ftruncate (fd, EB_JSON_MAX_SIZE + 1), ==, 0);
  close (fd);

  g_assert_null (eb_json_read_file (path, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_LARGE);

  g_unlink (path);
  g_rmdir (dir);
}

/* Writing replaces the file as the store does: the same permissions, a
 * symbolic link kept and the file it points to replaced, temporary files
 * of a killed export cleared away. */
static void
test_file_replace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbBoard) back = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eb-json-XXXXXX", NULL);
  g_autofree char *real_dir = g_build_filename (dir, "synced", NULL);
  g_autofree char *path = g_build_filename (real_dir, "b.json", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.json", NULL);
  g_autofree char *stale = g_build_filename (real_dir, ".b.json.Ab12Cd.tmp", NULL);
  g_autoptr(GDir) listing = NULL;
  struct stat st;
  guint n_files = 0;

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  eb_test_take_item (board, card_new ("c", EB_CARD_KIND_NOTE, T0, NULL, NULL));
  g_assert_true (eb_json_write_file (board, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (symlink ("synced/b.json", link_path), ==, 0);
  g_assert_true (g_file_set_contents (stale, "{", -1, NULL));

  eb_board_set_title (board, "Through the link");
  g_assert_true (eb_json_write_file (board, link_path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  back = eb_json_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_board_get_title (back), ==, "Through the link");

  /* Only the file itself in its folder: no temporary file, stale or new. */
  listing = g_dir_open (real_dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_unlink (link_path);
  g_unlink (path);
  g_rmdir (real_dir);
  g_rmdir (dir);
}

/* A FIFO is refused without blocking, and a file growing while it is
 * read is refused rather than read in part. */
static void
test_file_not_regular (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("eb-json-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.json", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (eb_json_read_file (fifo, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Not a regular file"));
  g_clear_error (&error);

  g_assert_false (eb_file_read_bounded (fifo, 100, &bytes, &length, &error));
  g_assert_error (error, EB_FILE_ERROR, EB_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);

  /* Too large: the size is told, for the message. */
  g_unlink (fifo);
  g_assert_true (g_file_set_contents (fifo, "0123456789", 10, NULL));
  g_assert_false (eb_file_read_bounded (fifo, 9, &bytes, &length, &error));
  g_assert_error (error, EB_FILE_ERROR, EB_FILE_ERROR_TOO_LARGE);
  g_assert_cmpuint (length, ==, 10);
  g_clear_error (&error);
  g_assert_true (eb_file_read_bounded (fifo, 10, &bytes, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 10);
  g_assert_cmpstr (bytes, ==, "0123456789");

  g_unlink (fifo);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Hostile input                                                       */
/* ------------------------------------------------------------------ */

#define HEAD "{\"format\":\"evidence-board\",\"version\":1,"

static void
test_hostile_syntax (void)
{
  static const struct {
    const char *text;
    EbJsonError code;
  } cases[] = {
    { "", EB_JSON_ERROR_SYNTAX },
    { " \n\t\r ", EB_JSON_ERROR_SYNTAX },
    { "{", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"tru", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[]", EB_JSON_ERROR_SYNTAX },
    { "This is not JSON.", EB_JSON_ERROR_SYNTAX },
    { "<?xml version=\"1.0\"?><board/>", EB_JSON_ERROR_SYNTAX },
    { "{'format':'evidence-board','version':1,'cards':[]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":['x']}", EB_JSON_ERROR_SYNTAX },
    { "// a comment\n" HEAD "\"cards\":[]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "/* a comment */\"cards\":[]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[] // trailing\n}", EB_JSON_ERROR_SYNTAX },
    { "var board = " HEAD "\"cards\":[]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[],}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\"},]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "cards:[]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\" []}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[]}}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[]} {}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":NaN}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":Infinity}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":-Infinity}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":0x10}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":010}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":1.}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":.5}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":+1}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"x\":1e}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"tab\there\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"bad \\x41 escape\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"\\u12\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"\\ud800\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"\\udc00\\ud800\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"\\ud800\\u0041\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"bad \xc3\x28 utf8\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"overlong \xc0\xaf\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"surrogate \xed\xa0\x80\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"cut \xe2\x82\"}]}", EB_JSON_ERROR_SYNTAX },
    { HEAD "\"cards\":[]}\xc2\xa0", EB_JSON_ERROR_SYNTAX },
    { "[true, false, nul]", EB_JSON_ERROR_SYNTAX },
    { "\"unterminated", EB_JSON_ERROR_SYNTAX },
    { "\"escape at the end\\", EB_JSON_ERROR_SYNTAX },
    { "\"\\u00", EB_JSON_ERROR_SYNTAX },
    /* JSON, but no board. */
    { "[]", EB_JSON_ERROR_INVALID },
    { "\"evidence-board\"", EB_JSON_ERROR_INVALID },
    { "null", EB_JSON_ERROR_INVALID },
    { "{}", EB_JSON_ERROR_INVALID },
    /* json-glib would cut the string at the NUL. */
    { HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"a\\u0000b\"}]}", EB_JSON_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_read_fails (cases[i].text, -1, cases[i].code);

  /* A NUL byte, and a NUL byte where a string would end. */
  {
    static const char nul[] = HEAD "\"cards\":[{\"id\":\"c\",\"title\":\"a\0b\"}]}";
    static const char nul_end[] = HEAD "\"cards\":[]}\0";

    assert_read_fails (nul, sizeof nul - 1, EB_JSON_ERROR_SYNTAX);
    assert_read_fails (nul_end, sizeof nul_end - 1, EB_JSON_ERROR_SYNTAX);
  }

  /* UTF-16, either byte order, is named as such rather than as binary. */
  {
    static const char le[] = "\xff\xfe{\0}\0";
    static const char be[] = "\xfe\xff\0{\0}";

    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(EbBoard) board = eb_json_read (i ? be : le, sizeof le - 1, &error);

        g_assert_null (board);
        g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_SYNTAX);
        g_assert_nonnull (strstr (error->message, "UTF-16"));
      }
  }

  /* What the scan does let through is JSON json-glib reads as we do. */
  {
    g_autoptr(EbBoard) board = read_ok (" \r\n\t" HEAD "\"title\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\","
                                        "\"cards\":[{\"id\":\"c\",\"x\":-0.5e1,\"y\":1e-400,\"width\":1E+2}]}\r\n");
    g_autoptr(EbCard) card = g_list_model_get_item (eb_board_get_cards (board), 0);

    g_assert_cmpstr (eb_board_get_title (board), ==, "\"\\/\b\f\n\r\té😀");
    g_assert_cmpfloat (eb_card_get_x (card), ==, -5);
    g_assert_cmpfloat (eb_card_get_y (card), ==, 0);
    g_assert_cmpfloat (eb_card_get_width (card), ==, 100);
  }
}

/* Every cut of a good file is refused, never read as a smaller board. */
static void
test_hostile_truncated (void)
{
  g_autoptr(EbBoard) board = make_full_board ();
  g_autofree char *text = write_board (board);
  gsize length = strlen (text);

  /* The text ends in "}\n": only the newline may go. */
  for (gsize cut = 0; cut < length - 1; cut++)
    assert_read_fails (text, cut, EB_JSON_ERROR_SYNTAX);
}

static char *
nest (const char *open,
      const char *close,
      guint       depth,
      const char *inner)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; close != NULL && i < depth; i++)
    g_string_append (s, close);

  return g_string_free (s, FALSE);
}

static void
test_hostile_deep (void)
{
  static const guint depth = 100000;
  g_autofree char *arrays = nest ("[", "]", depth, "");
  g_autofree char *arrays_open = nest ("[", NULL, depth, "");
  g_autofree char *objects = nest ("{\"a\":", "}", depth, "1");
  g_autofree char *objects_open = nest ("{\"a\":", NULL, depth, "");
  g_autofree char *mixed = nest ("[{\"a\":", "}]", depth / 2, "[]");
  g_autofree char *in_board = nest ("[", "]", depth, "");
  g_autofree char *board_text = g_strdup_printf (HEAD "\"cards\":[{\"id\":\"c\",\"notes\":%s}]}", in_board);
  g_autoptr(GError) error = NULL;

  assert_read_fails (arrays, -1, EB_JSON_ERROR_TOO_DEEP);
  assert_read_fails (arrays_open, -1, EB_JSON_ERROR_TOO_DEEP);
  assert_read_fails (objects, -1, EB_JSON_ERROR_TOO_DEEP);
  assert_read_fails (objects_open, -1, EB_JSON_ERROR_TOO_DEEP);
  assert_read_fails (mixed, -1, EB_JSON_ERROR_TOO_DEEP);
  assert_read_fails (board_text, -1, EB_JSON_ERROR_TOO_DEEP);

  /* The limit itself: EB_JSON_MAX_DEPTH levels pass the scan, one more
   * does not. */
  {
    g_autofree char *at_limit = nest ("[", "]", EB_JSON_MAX_DEPTH, "");
    g_autofree char *over = nest ("[", "]", EB_JSON_MAX_DEPTH + 1, "");

    g_assert_true (eb_json_scan (at_limit, strlen (at_limit), EB_JSON_MAX_DEPTH, &error));
    g_assert_no_error (error);
    g_assert_false (eb_json_scan (over, strlen (over), EB_JSON_MAX_DEPTH, &error));
    g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_DEEP);
    g_clear_error (&error);

    g_assert_true (eb_json_scan ("[1]", 3, 1, &error));
    g_assert_false (eb_json_scan ("[[1]]", 5, 1, &error));
    g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_DEEP);
  }
}

/* Each JSON value costs json-glib about 80 bytes: a small file of
 * nothing but zeros must not take gigabytes. */
static void
test_hostile_many_values (void)
{
  gsize n = EB_JSON_MAX_VALUES;
  GString *s = g_string_sized_new (2 * n + 64);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_string_append (s, HEAD "\"cards\":[],\"padding\":[");
  for (gsize i = 0; i < n; i++)
    g_string_append (s, "0,");
  g_string_append (s, "0]}");
  length = s->len;
  text = g_string_free (s, FALSE);

  g_assert_cmpuint (length, <, EB_JSON_MAX_SIZE);
  g_assert_false (eb_json_scan (text, length, EB_JSON_MAX_DEPTH, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_LARGE);
}

static char *
board_with_card_member (const char *member)
{
  return g_strdup_printf (HEAD "\"cards\":[{\"id\":\"card-7\",\"kind\":\"person\",%s}]}", member);
}

static void
test_hostile_numbers (void)
{
  static const struct {
    const char *member;
    EbJsonError code;
  } cases[] = {
    { "\"x\":9223372036854775808", EB_JSON_ERROR_TOO_LARGE },          /* 2^63 */
    { "\"x\":-9223372036854775809", EB_JSON_ERROR_TOO_LARGE },
    { "\"x\":99999999999999999999", EB_JSON_ERROR_TOO_LARGE },
    { "\"x\":18446744073709551616", EB_JSON_ERROR_TOO_LARGE },         /* 2^64, wraps to 0 */
    { "\"x\":1e400", EB_JSON_ERROR_TOO_LARGE },
    { "\"x\":-1e400", EB_JSON_ERROR_TOO_LARGE },
    { "\"x\":1.8e308", EB_JSON_ERROR_TOO_LARGE },
    { "\"x\":1e300", EB_JSON_ERROR_INVALID },
    { "\"x\":-1e300", EB_JSON_ERROR_INVALID },
    { "\"x\":10000000.000001", EB_JSON_ERROR_INVALID },
    { "\"y\":-10000001", EB_JSON_ERROR_INVALID },
    { "\"width\":0", EB_JSON_ERROR_INVALID },
    { "\"width\":0.5", EB_JSON_ERROR_INVALID },
    { "\"height\":-100", EB_JSON_ERROR_INVALID },
    { "\"height\":1000001", EB_JSON_ERROR_INVALID },
    { "\"height\":999999999999999999", EB_JSON_ERROR_INVALID },        /* 18 digits: an integer, out of range */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = board_with_card_member (cases[i].member);
      assert_read_fails (text, -1, cases[i].code);
    }

  /* A very long number literal, even if it means something small. */
  {
    g_autofree char *zeros = g_strnfill (1000, '0');
    g_autofree char *member = g_strdup_printf ("\"x\":0.%s1", zeros);
    g_autofree char *text = board_with_card_member (member);

    assert_read_fails (text, -1, EB_JSON_ERROR_TOO_LARGE);
  }

  /* The edges of the ranges are fine. */
  {
    g_autofree char *text = board_with_card_member ("\"x\":-10000000,\"y\":1e7,\"width\":1,\"height\":1e6");
    g_autoptr(EbBoard) board = read_ok (text);
  }

  /* A board-wide integer: the version. */
  assert_read_fails ("{\"format\":\"evidence-board\",\"version\":18446744073709551617,\"cards\":[]}",
                     -1, EB_JSON_ERROR_TOO_LARGE);
}

static void
test_hostile_long_text (void)
{
  g_autofree char *long_text = g_strnfill (EB_TEXT_MAX + 1, 'a');
  g_autofree char *just_fits = g_strnfill (EB_TEXT_MAX, 'b');
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf (HEAD "\"title\":\"%s\",\"cards\":[]}", long_text);
  g_autofree char *notes = g_strdup_printf (HEAD "\"cards\":[{\"id\":\"c9\",\"notes\":\"%s\"}]}", long_text);
  g_autofree char *fits = g_strdup_printf (HEAD "\"cards\":[{\"id\":\"c9\",\"notes\":\"%s\"}]}", just_fits);
  g_autoptr(EbBoard) board = NULL;

  assert_read_fails (title, -1, EB_JSON_ERROR_TOO_LARGE);

  g_assert_null (eb_json_read (notes, strlen (notes), &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "c9"));
  g_assert_nonnull (strstr (error->message, "notes"));

  board = read_ok (fits);
}

/* Replaces one member of the first card, link or frame, or of the board,
 * in a good board, and returns the JSON. */
static char *
mutate (const char *list,
        const char *member,
        JsonNode   *value)
{
  static const char *base =
    HEAD "\"title\":\"Base\","
    "\"cards\":[{\"id\":\"card-1\",\"kind\":\"person\",\"x\":1,\"y\":2,\"width\":100,\"height\":50,"
    "\"color\":\"#112233\",\"created\":\"2024-12-08T14:30:05.123456Z\","
    "\"modified\":\"2024-12-08T14:30:05.123456Z\",\"title\":\"A\",\"aliases\":\"B\",\"role\":\"C\","
    "\"notes\":\"D\",\"date\":\"2024\",\"end_date\":\"2025\",\"place\":\"E\",\"publisher\":\"F\","
    "\"url\":\"G\",\"grade\":\"A\"},"
    "{\"id\":\"card-2\",\"kind\":\"note\"}],"
    "\"links\":[{\"id\":\"link-1\",\"from\":\"card-1\",\"to\":\"card-2\",\"label\":\"L\","
    "\"kind\":\"supports\",\"direction\":\"both\",\"color\":\"#445566\",\"credibility\":3,"
    "\"created\":\"2024-12-08T14:30:05.123456Z\",\"modified\":\"2024-12-08T14:30:05.123456Z\"}],"
    "\"frames\":[{\"id\":\"frame-1\",\"label\":\"F\",\"x\":1,\"y\":2,\"width\":300,\"height\":200,"
    "\"color\":\"#778899\",\"created\":\"2024-12-08T14:30:05.123456Z\","
    "\"modified\":\"2024-12-08T14:30:05.123456Z\"}]}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *root;
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, base, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));

  if (list == NULL)
    object = root;
  else
    object = json_array_get_object_element (json_object_get_array_member (root, list), 0);

  if (value != NULL)
    json_object_set_member (object, member, value);
  else
    json_object_remove_member (object, member);

  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static void
assert_mutation_fails (const char  *list,
                       const char  *member,
                       JsonNode    *value,
                       EbJsonError  code,
                       const char  *id)
{
  g_autofree char *text = mutate (list, member, value);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_json_read (text, strlen (text), &error);

  if (board != NULL || !g_error_matches (error, EB_JSON_ERROR, code))
    g_error ("%s.%s: expected error %d, got %s", list, member, code,
             error ? error->message : "a board");

  /* The message names the item and the field. */
  if (id != NULL && strstr (error->message, id) == NULL)
    g_error ("%s.%s: “%s” does not name %s", list, member, error->message, id);
  if (strstr (error->message, member) == NULL)
    g_error ("%s.%s: “%s” does not name the field", list, member, error->message);
}

static JsonNode *
int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

static JsonNode *
double_node (double value)
{
  return json_node_init_double (json_node_alloc (), value);
}

static JsonNode *
string_node (const char *value)
{
  return json_node_init_string (json_node_alloc (), value);
}

/* json_node_init_array() and _object() take a reference of their own:
 * a new array or object is handed over with json_node_take_*(). */
static JsonNode *
array_node (void)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());
  return node;
}

static JsonNode *
object_node (void)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  return node;
}

static JsonNode *
wrong_node (guint which)
{
  switch (which)
    {
    case 0: return int_node (12);
    case 1: return json_node_init_boolean (json_node_alloc (), TRUE);
    case 2: return json_node_init_null (json_node_alloc ());
    case 3: return array_node ();
    case 4: return object_node ();
    case 5: return string_node ("12");
    case 6: return double_node (2.5);
    default: g_assert_not_reached ();
    }
}

static void
test_hostile_types (void)
{
  static const struct {
    const char *list;
    const char *id;
    const char *member;
    const char *kind;   /* "s"tring, "n"umber, "i"nteger */
  } fields[] = {
    { "cards", "card-1", "kind", "s" },
    { "cards", "card-1", "x", "n" },
    { "cards", "card-1", "y", "n" },
    { "cards", "card-1", "width", "n" },
    { "cards", "card-1", "height", "n" },
    { "cards", "card-1", "color", "s" },
    { "cards", "card-1", "created", "s" },
    { "cards", "card-1", "modified", "s" },
    { "cards", "card-1", "title", "s" },
    { "cards", "card-1", "aliases", "s" },
    { "cards", "card-1", "role", "s" },
    { "cards", "card-1", "notes", "s" },
    { "cards", "card-1", "date", "s" },
    { "cards", "card-1", "end_date", "s" },
    { "cards", "card-1", "place", "s" },
    { "cards", "card-1", "publisher", "s" },
    { "cards", "card-1", "url", "s" },
    { "cards", "card-1", "grade", "s" },
    { "cards", NULL, "id", "s" },
    { "links", "link-1", "from", "s" },
    { "links", "link-1", "to", "s" },
    { "links", "link-1", "label", "s" },
    { "links", "link-1", "kind", "s" },
    { "links", "link-1", "direction", "s" },
    { "links", "link-1", "color", "s" },
    { "links", "link-1", "credibility", "i" },
    { "links", "link-1", "created", "s" },
    { "links", "link-1", "modified", "s" },
    { "links", NULL, "id", "s" },
    { "frames", "frame-1", "label", "s" },
    { "frames", "frame-1", "x", "n" },
    { "frames", "frame-1", "y", "n" },
    { "frames", "frame-1", "width", "n" },
    { "frames", "frame-1", "height", "n" },
    { "frames", "frame-1", "color", "s" },
    { "frames", "frame-1", "created", "s" },
    { "frames", "frame-1", "modified", "s" },
    { "frames", NULL, "id", "s" },
    { NULL, NULL, "title", "s" },
    { NULL, NULL, "version", "i" },
    { NULL, NULL, "cards", "a" },
    { NULL, NULL, "links", "a" },
    { NULL, NULL, "frames", "a" },
  };

  /* The base board itself is good. */
  {
    g_autofree char *text = mutate (NULL, "title", string_node ("Base"));
    g_autoptr(EbBoard) board = read_ok (text);
    g_assert_cmpuint (eb_board_get_n_items (board), ==, 4);
  }

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    for (guint w = 0; w < 7; w++)
      {
        gboolean is_string = w == 5;
        gboolean is_number = w == 0 || w == 6;
        gboolean is_array = w == 3;

        /* Skip the values that have the right type. */
        if ((fields[f].kind[0] == 's' && is_string) ||
            (fields[f].kind[0] == 'n' && is_number) ||
            (fields[f].kind[0] == 'i' && w == 0) ||
            (fields[f].kind[0] == 'a' && is_array))
          continue;

        assert_mutation_fails (fields[f].list, fields[f].member, wrong_node (w),
                               EB_JSON_ERROR_INVALID, fields[f].id);
      }
}

static void
test_hostile_values (void)
{
  static const struct {
    const char *list;
    const char *id;
    const char *member;
    const char *value;   /* a string value */
  } strings[] = {
    { "cards", "card-1", "kind", "people" },
    { "cards", "card-1", "kind", "PERSON" },
    { "cards", "card-1", "kind", "" },
    { "cards", "card-1", "color", "red" },
    { "cards", "card-1", "color", "#12345" },
    { "cards", "card-1", "color", "#1234567" },
    { "cards", "card-1", "color", "#12345g" },
    { "cards", "card-1", "date", "8 December 2024" },
    { "cards", "card-1", "date", "2024-12-32" },
    { "cards", "card-1", "date", "2024-12-08T14:30:00" },
    { "cards", "card-1", "end_date", "0000" },
    { "cards", "card-1", "grade", "G" },
    { "cards", "card-1", "grade", "a" },
    { "cards", "card-1", "grade", "" },
    { "cards", "card-1", "created", "yesterday" },
    { "cards", NULL, "id", "" },
    { "cards", NULL, "id", "with\ttab" },
    { "cards", NULL, "id", "بشار" },
    { "links", "link-1", "kind", "refutes" },
    { "links", "link-1", "direction", "backward" },
    { "links", "link-1", "from", "" },
    { "links", "link-1", "to", "line\nbreak" },
    { "links", "link-1", "color", "#zzzzzz" },
    { "frames", "frame-1", "color", "blue" },
    { "frames", "frame-1", "modified", "2024-12-08T14:30:05.123456" },
  };
  static const struct {
    const char *list;
    const char *member;
    gboolean integer;
    double value;
  } numbers[] = {
    { "links", "credibility", TRUE, 7 },
    { "links", "credibility", TRUE, -1 },
    { "cards", "x", FALSE, 1e300 },
    { "cards", "width", TRUE, 0 },
    { "frames", "height", TRUE, 1e6 + 1 },
    { "frames", "x", FALSE, -1e7 - 0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    assert_mutation_fails (strings[i].list, strings[i].member, string_node (strings[i].value),
                           EB_JSON_ERROR_INVALID, strings[i].id);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      JsonNode *node = numbers[i].integer
        ? int_node ((gint64) numbers[i].value) : double_node (numbers[i].value);

      assert_mutation_fails (numbers[i].list, numbers[i].member, node, EB_JSON_ERROR_INVALID, NULL);
    }

  /* An id longer than EB_ID_MAX. */
  {
    g_autofree char *long_id = g_strnfill (EB_ID_MAX + 1, 'i');
    assert_mutation_fails ("cards", "id", string_node (long_id), EB_JSON_ERROR_INVALID, NULL);
  }

  /* Required members. */
  assert_mutation_fails ("cards", "id", NULL, EB_JSON_ERROR_INVALID, "Card 1");
  assert_mutation_fails ("links", "from", NULL, EB_JSON_ERROR_INVALID, "link-1");
  assert_mutation_fails ("links", "to", NULL, EB_JSON_ERROR_INVALID, "link-1");
  assert_mutation_fails ("frames", "id", NULL, EB_JSON_ERROR_INVALID, "Frame 1");
  assert_mutation_fails (NULL, "cards", NULL, EB_JSON_ERROR_INVALID, NULL);
  assert_mutation_fails (NULL, "format", NULL, EB_JSON_ERROR_INVALID, NULL);
  assert_mutation_fails (NULL, "version", NULL, EB_JSON_ERROR_INVALID, NULL);

  /* Optional ones may go. */
  {
    static const char *optional[] = { "title", "links", "frames" };

    for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
      {
        g_autofree char *text = mutate (NULL, optional[i], NULL);
        g_autoptr(EbBoard) board = read_ok (text);
      }
  }
}

static void
test_hostile_structure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autofree char *text = NULL;
  const char *text_canvas;

  /* A link to a card that is not there. */
  text = g_strdup (HEAD "\"cards\":[{\"id\":\"a\"}],\"links\":[{\"id\":\"l\",\"from\":\"a\",\"to\":\"gone\"}]}");
  board = eb_json_read (text, strlen (text), &error);
  g_assert_null (board);
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "gone"));
  g_clear_error (&error);

  /* A link to a link is dangling too; one to a missing frame as well. */
  assert_read_fails (HEAD "\"cards\":[{\"id\":\"a\"}],\"links\":[{\"id\":\"l\",\"from\":\"a\",\"to\":\"a\"},"
                     "{\"id\":\"m\",\"from\":\"a\",\"to\":\"l\"}]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails (HEAD "\"cards\":[{\"id\":\"a\"}],\"links\":[{\"id\":\"l\",\"from\":\"g\",\"to\":\"a\"}],"
                     "\"frames\":[{\"id\":\"f\"}]}", -1, EB_JSON_ERROR_INVALID);
  /* Sides and backgrounds are checked like every field. */
  assert_read_fails (HEAD "\"cards\":[{\"id\":\"a\"}],\"links\":[{\"id\":\"l\",\"from\":\"a\",\"to\":\"a\","
                     "\"from_side\":\"up\"}]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails (HEAD "\"cards\":[{\"id\":\"a\"}],\"links\":[{\"id\":\"l\",\"from\":\"a\",\"to\":\"a\","
                     "\"to_side\":2}]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails (HEAD "\"cards\":[],\"frames\":[{\"id\":\"f\",\"background\":[]}]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails (HEAD "\"cards\":[],\"frames\":[{\"id\":\"f\",\"background_style\":\"stretch\"}]}", -1,
                     EB_JSON_ERROR_INVALID);

  /* A link to a frame, wherever the frames are in the file, and older
   * files without sides or backgrounds read with none. */
  g_clear_object (&board);
  board = read_ok (HEAD "\"links\":[{\"id\":\"l\",\"from\":\"f\",\"to\":\"a\",\"to_side\":\"left\"}],"
                   "\"cards\":[{\"id\":\"a\"}],\"frames\":[{\"id\":\"f\",\"background\":\"https://example.org/map.png\","
                   "\"background_style\":\"cover\"},{\"id\":\"old\"}]}");
  g_assert_cmpstr (eb_link_get_from_id (EB_LINK (eb_board_lookup (board, "l"))), ==, "f");
  g_assert_cmpint (eb_link_get_from_side (EB_LINK (eb_board_lookup (board, "l"))), ==, EB_LINK_SIDE_NONE);
  g_assert_cmpint (eb_link_get_to_side (EB_LINK (eb_board_lookup (board, "l"))), ==, EB_LINK_SIDE_LEFT);
  g_assert_cmpstr (eb_frame_get_background (EB_FRAME (eb_board_lookup (board, "f"))), ==, "https://example.org/map.png");
  g_assert_cmpint (eb_frame_get_background_style (EB_FRAME (eb_board_lookup (board, "f"))), ==,
                   EB_FRAME_BACKGROUND_STYLE_COVER);
  g_assert_null (eb_frame_get_background (EB_FRAME (eb_board_lookup (board, "old"))));
  g_assert_cmpint (eb_frame_get_background_style (EB_FRAME (eb_board_lookup (board, "old"))), ==,
                   EB_FRAME_BACKGROUND_STYLE_NONE);
  g_clear_object (&board);

  /* Duplicate ids, within a list and across lists. */
  g_free (text);
  text = g_strdup (HEAD "\"cards\":[{\"id\":\"twin\"},{\"id\":\"twin\"}]}");
  board = eb_json_read (text, strlen (text), &error);
  g_assert_null (board);
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "twin"));
  g_clear_error (&error);

  assert_read_fails (HEAD "\"cards\":[{\"id\":\"a\"}],\"links\":[{\"id\":\"a\",\"from\":\"a\",\"to\":\"a\"}]}",
                     -1, EB_JSON_ERROR_INVALID);
  assert_read_fails (HEAD "\"cards\":[{\"id\":\"a\"}],\"frames\":[{\"id\":\"a\"}]}", -1, EB_JSON_ERROR_INVALID);

  /* Items that are not objects. */
  assert_read_fails (HEAD "\"cards\":[\"a\"]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails (HEAD "\"cards\":[[]]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails (HEAD "\"cards\":[],\"links\":[null]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails (HEAD "\"cards\":[],\"frames\":[1]}", -1, EB_JSON_ERROR_INVALID);

  /* Format and version. */
  assert_read_fails ("{\"format\":\"evidence-board\",\"version\":99,\"cards\":[]}", -1, EB_JSON_ERROR_TOO_NEW);
  assert_read_fails ("{\"format\":\"evidence-board\",\"version\":3,\"cards\":\"not checked\"}", -1,
                     EB_JSON_ERROR_TOO_NEW);
  assert_read_fails ("{\"format\":\"evidence-board\",\"version\":0,\"cards\":[]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails ("{\"format\":\"evidence-board\",\"version\":-1,\"cards\":[]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails ("{\"format\":\"evidence-board\",\"version\":1.0,\"cards\":[]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails ("{\"format\":\"evidence-board\",\"version\":\"1\",\"cards\":[]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails ("{\"format\":\"something-else\",\"version\":1,\"cards\":[]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails ("{\"format\":\"Evidence-Board\",\"version\":1,\"cards\":[]}", -1, EB_JSON_ERROR_INVALID);
  assert_read_fails ("{\"version\":1,\"cards\":[]}", -1, EB_JSON_ERROR_INVALID);

  /* JSON Canvas is recognised, and refused for now. */
  text_canvas = "{\"nodes\":[],\"edges\":[]}";
  board = eb_json_read (text_canvas, strlen (text_canvas), &error);
  g_assert_null (board);
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "JSON Canvas"));
  g_clear_error (&error);

  /* The version is checked before the rest, so a newer file says so. */
  text_canvas = "{\"format\":\"evidence-board\",\"version\":99,\"cards\":[]}";
  board = eb_json_read (text_canvas, strlen (text_canvas), &error);
  g_assert_null (board);
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);
}

/* Random damage to a good file gives a board or an error, never a crash
 * or a critical. */
static void
test_hostile_fuzz (void)
{
  g_autoptr(EbBoard) board = make_full_board ();
  g_autofree char *text = write_board (board);
  gsize length = strlen (text);
  static const char bytes[] = "{}[]\",:0123456789-+.eE\\/u tfn\x00\xff\xc3\xef";

  for (guint round = 0; round < 3000; round++)
    {
      g_autofree char *copy = g_memdup2 (text, length + 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) back = NULL;
      guint n = g_test_rand_int_range (1, 4);

      for (guint i = 0; i < n; i++)
        copy[g_test_rand_int_range (0, length)] = bytes[g_test_rand_int_range (0, sizeof bytes - 1)];

      back = eb_json_read (copy, length, &error);
      g_assert_true ((back == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_true (error->domain == EB_JSON_ERROR);
    }
}

static JsonObject *
schema_properties (JsonObject *schema,
                   const char *def)
{
  JsonObject *object = schema;

  if (def != NULL)
    object = json_object_get_object_member (json_object_get_object_member (schema, "$defs"), def);
  return json_object_get_object_member (object, "properties");
}

/* Every member the writer writes is described in data/board.schema.json,
 * and every member described there is written for a full board. */
static void
check_members (JsonObject *written,
               JsonObject *described,
               const char *what)
{
  g_autoptr(GList) names = json_object_get_members (written);

  for (GList *l = names; l != NULL; l = l->next)
    if (!json_object_has_member (described, l->data))
      g_error ("%s member “%s” is not in the schema", what, (char *) l->data);

  g_clear_pointer (&names, g_list_free);
  names = json_object_get_members (described);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *property = json_object_get_object_member (described, l->data);

      if (!json_object_has_member (written, l->data))
        g_error ("%s member “%s” in the schema is never written", what, (char *) l->data);
      if (!json_object_has_member (property, "description") &&
          !json_object_has_member (property, "$ref"))
        g_error ("%s member “%s” has no description", what, (char *) l->data);
    }
}

static void
test_schema (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "board.schema.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) schema_parser = json_parser_new ();
  g_autoptr(JsonParser) board_parser = json_parser_new ();
  g_autoptr(EbBoard) board = make_full_board ();
  g_autofree char *text = write_board (board);
  g_autofree char *schema_text = NULL;
  gsize length = 0;
  JsonObject *schema, *root;
  static const char *lists[][2] = { { "cards", "card" }, { "links", "link" }, { "frames", "frame" } };

  g_file_get_contents (path, &schema_text, &length, &error);
  g_assert_no_error (error);
  /* The schema is itself strict JSON. */
  g_assert_true (eb_json_scan (schema_text, length, EB_JSON_MAX_DEPTH, &error));
  g_assert_no_error (error);

  json_parser_load_from_data (schema_parser, schema_text, length, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (board_parser, text, -1, &error);
  g_assert_no_error (error);

  schema = json_node_get_object (json_parser_get_root (schema_parser));
  root = json_node_get_object (json_parser_get_root (board_parser));
  g_assert_cmpstr (json_object_get_string_member (schema, "$schema"), ==,
                   "https://json-schema.org/draft/2020-12/schema");

  check_members (root, schema_properties (schema, NULL), "board");

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonArray *items = json_object_get_array_member (root, lists[i][0]);
      g_autoptr(JsonObject) all = json_object_new ();

      /* The union of the members of all items: optional ones are
       * left out of some. */
      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonObject *item = json_array_get_object_element (items, j);
          g_autoptr(GList) names = json_object_get_members (item);

          for (GList *l = names; l != NULL; l = l->next)
            json_object_set_null_member (all, l->data);
        }

      check_members (all, schema_properties (schema, lists[i][1]), lists[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eb/json/roundtrip/full", test_roundtrip_full);
  g_test_add_func ("/eb/json/roundtrip/empty", test_roundtrip_empty);
  g_test_add_func ("/eb/json/version", test_version);
  g_test_add_func ("/eb/json/roundtrip/layout", test_roundtrip_layout);
  g_test_add_func ("/eb/json/roundtrip/numbers", test_roundtrip_numbers);
  g_test_add_func ("/eb/json/roundtrip/order", test_order);
  g_test_add_func ("/eb/json/read/defaults", test_defaults);
  g_test_add_func ("/eb/json/read/times", test_times);
  g_test_add_func ("/eb/json/read/bom", test_bom);
  g_test_add_func ("/eb/json/file/roundtrip", test_file);
  g_test_add_func ("/eb/json/file/too-large", test_file_too_large);
  g_test_add_func ("/eb/json/file/replace", test_file_replace);
  g_test_add_func ("/eb/json/file/not-regular", test_file_not_regular);
  g_test_add_func ("/eb/json/hostile/syntax", test_hostile_syntax);
  g_test_add_func ("/eb/json/hostile/truncated", test_hostile_truncated);
  g_test_add_func ("/eb/json/hostile/deep", test_hostile_deep);
  g_test_add_func ("/eb/json/hostile/numbers", test_hostile_numbers);
  g_test_add_func ("/eb/json/hostile/long-text", test_hostile_long_text);
  g_test_add_func ("/eb/json/hostile/many-values", test_hostile_many_values);
  g_test_add_func ("/eb/json/hostile/types", test_hostile_types);
  g_test_add_func ("/eb/json/hostile/values", test_hostile_values);
  g_test_add_func ("/eb/json/hostile/structure", test_hostile_structure);
  g_test_add_func ("/eb/json/hostile/fuzz", test_hostile_fuzz);
  g_test_add_func ("/eb/json/schema/fields", test_schema);

  return g_test_run ();
}
