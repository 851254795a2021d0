/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <string.h>
#include <unistd.h>

#include "eb-board.h"
#include "eb-ftm.h"
#include "eb-json.h"
#include "eb-limits.h"
#include "eb-store.h"
#include "eb-test-util.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "ftm", name, NULL);
}

static EbBoard *
read_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  EbBoard *board = eb_ftm_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (board);
  return board;
}

static EbCard *
card (EbBoard    *board,
      const char *id)
{
  EbCard *c = eb_board_lookup_card (board, id);

  if (c == NULL)
    g_error ("no card “%s”", id);
  return c;
}

/* The link from @from to @to; there must be exactly one. */
static EbLink *
link_between (EbBoard    *board,
              const char *from,
              const char *to)
{
  GListModel *links = eb_board_get_links (board);
  EbLink *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EbLink) link = g_list_model_get_item (links, i);

      if (g_strcmp0 (eb_link_get_from_id (link), from) == 0 && g_strcmp0 (eb_link_get_to_id (link), to) == 0)
        {
          g_assert_null (found);
          found = link;
        }
    }
  if (found == NULL)
    g_error ("no link from “%s” to “%s”", from, to);
  return found;
}

static void
assert_notes_contain (EbCard     *c,
                      const char *text)
{
  const char *notes = eb_card_get_notes (c);

  if (notes == NULL || strstr (notes, text) == NULL)
    g_error ("notes of “%s” lack “%s”: %s", eb_item_get_id (EB_ITEM (c)), text, notes ? notes : "(none)");
}

static void
assert_notes_start (EbCard     *c,
                    const char *text)
{
  const char *notes = eb_card_get_notes (c);

  if (notes == NULL || !g_str_has_prefix (notes, text))
    g_error ("notes of “%s” do not start “%s”: %s", eb_item_get_id (EB_ITEM (c)), text, notes ? notes : "(none)");
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

/* Entities by id, each "schema\nprop=value\n…" with the lines sorted, so
 * two files compare as sets of entities, properties and values. */
static void
add_entity (GHashTable *entities,
            JsonNode   *node)
{
  JsonObject *object = json_node_get_object (node);
  JsonObject *props = json_object_get_object_member (object, "properties");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) names = json_object_get_members (props);
  g_autoptr(GString) s = g_string_new (json_object_get_string_member (object, "schema"));
  const char *id = json_object_get_string_member (object, "id");

  g_assert_nonnull (id);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *values = json_object_get_array_member (props, l->data);

      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          JsonNode *value = json_array_get_element (values, i);
          char *line;

          /* Exported files must be valid FtM: lists of strings. */
          g_assert_true (JSON_NODE_HOLDS_VALUE (value));
          g_assert_cmpint (json_node_get_value_type (value), ==, G_TYPE_STRING);
          line = g_strdup_printf ("%s=%s", (char *) l->data, json_node_get_string (value));

          /* FtM values are sets: no repeats. */
          for (guint j = 0; j < lines->len; j++)
            g_assert_cmpstr (g_ptr_array_index (lines, j), !=, line);
          g_ptr_array_add (lines, line);
        }
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (s, "\n%s", *(char **) &g_ptr_array_index (lines, i));

  /* A merged file may hold an entity in fragments; merge them here too. */
  if (g_hash_table_contains (entities, id))
    {
      g_autofree char *old = g_strdup (g_hash_table_lookup (entities, id));
      g_auto(GStrv) old_lines = g_strsplit (old, "\n", -1);
      g_auto(GStrv) new_lines = g_strsplit (s->str, "\n", -1);
      g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) merged = g_string_new (old_lines[0]);

      g_assert_cmpstr (old_lines[0], ==, new_lines[0]);
      for (guint i = 1; old_lines[i]; i++)
        g_ptr_array_add (all, g_strdup (old_lines[i]));
      for (guint i = 1; new_lines[i]; i++)
        if (!g_ptr_array_find_with_equal_func (all, new_lines[i], g_str_equal, NULL))
          g_ptr_array_add (all, g_strdup (new_lines[i]));
      g_ptr_array_sort (all, compare_lines);
      for (guint i = 0; i < all->len; i++)
        g_string_append_printf (merged, "\n%s", *(char **) &g_ptr_array_index (all, i));
      g_hash_table_replace (entities, g_strdup (id), g_string_free (g_steal_pointer (&merged), FALSE));
      return;
    }
  g_hash_table_insert (entities, g_strdup (id), g_string_free (g_steal_pointer (&s), FALSE));
}

/* Parses FtM text of either layout, the way a tool downstream would. */
static GHashTable *
parse_entities (const char *data,
                gsize       length)
{
  GHashTable *entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* Diagrams are one object over many lines; entities one a line.
   * (Only parse the former whole: json-glib 1.6 leaks on a parse error.) */
  if (length > 2 && data[0] == '{' && data[1] == '\n' &&
      json_parser_load_from_data (parser, data, length, NULL) &&
      json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "entities"))
    {
      JsonArray *list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                      "entities");

      for (guint i = 0; i < json_array_get_length (list); i++)
        add_entity (entities, json_array_get_element (list, i));
      return entities;
    }

  {
    g_autofree char *text = g_strndup (data, length);
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autoptr(JsonParser) line_parser = json_parser_new ();

        if (g_strstrip (lines[i])[0] == '\0')
          continue;
        json_parser_load_from_data (line_parser, lines[i], -1, &error);
        g_assert_no_error (error);
        add_entity (entities, json_parser_get_root (line_parser));
      }
  }
  return entities;
}

static void
assert_same_entities (GHashTable *expected,
                      GHashTable *actual)
{
  GHashTableIter iter;
  gpointer id, value;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      const char *other = g_hash_table_lookup (actual, id);

      if (other == NULL)
        g_error ("entity “%s” was lost", (char *) id);
      g_assert_cmpstr (other, ==, value);
    }
  g_assert_cmpuint (g_hash_table_size (actual), ==, g_hash_table_size (expected));
}

/* ------------------------------------------------------------------ */
/* Mapping                                                             */
/* ------------------------------------------------------------------ */

static void
test_read_people (void)
{
  g_autoptr(EbBoard) board = read_data ("assad.jsonl");
  EbCard *assad = card (board, "assad-bashar");
  EbCard *jaafari = card (board, "jaafari-bashar");
  EbCard *asma = card (board, "assad-asma");

  /* 6 things + 2 articles + 3 events; 7 relationships + 6 involved/organizer */
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), ==, 11);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 13);

  g_assert_cmpint (eb_card_get_kind (assad), ==, EB_CARD_KIND_PERSON);
  g_assert_cmpstr (eb_card_get_title (assad), ==, "Bashar al-Assad");
  g_assert_cmpstr (eb_card_get_aliases (assad), ==, "Bashar Hafez al-Assad\nبشار الأسد");
  g_assert_cmpstr (eb_card_get_role (assad), ==, "President of Syria (2000–2024)");
  g_assert_null (eb_card_get_date (assad));
  g_assert_null (eb_card_get_url (assad));
  /* The description first, then what has no field, readable. */
  assert_notes_start (assad, "Flew out of Damascus on 8 December 2024; Moscow gave him and his family asylum.\n\n"
                             "— FollowTheMoney Person —\n");
  assert_notes_contain (assad, "\nnationality: sy");
  assert_notes_contain (assad, "\nbirthDate: 1965-09-11");
  /* The membership's start date, which a link cannot hold. */
  assert_notes_contain (assad, "— FollowTheMoney Membership, link m-assad-baath —\nstartDate: 2000-06-24");

  g_assert_cmpstr (eb_card_get_title (jaafari), ==, "Bashar Jaafari");
  g_assert_cmpstr (eb_card_get_aliases (jaafari), ==, "Bashar al-Jaafari");
  g_assert_cmpstr (eb_card_get_role (jaafari), ==, "Syrian ambassador to Russia");

  g_assert_cmpstr (eb_card_get_title (asma), ==, "Asma al-Assad");
  g_assert_null (eb_card_get_aliases (asma));
  g_assert_null (eb_card_get_role (asma));
  assert_notes_contain (asma, "nationality: sy\nnationality: gb");
}

static void
test_read_events_and_sources (void)
{
  g_autoptr(EbBoard) board = read_data ("assad.jsonl");
  EbCard *asylum = card (board, "asylum-2024");
  EbCard *flight = card (board, "flight-2024");
  EbCard *request = card (board, "jaafari-request");
  EbCard *tass = card (board, "tass-asylum");
  EbCard *denial = card (board, "tass-jaafari");
  EbCard *kremlin = card (board, "kremlin");
  EbCard *baath = card (board, "baath-party");

  g_assert_cmpint (eb_card_get_kind (asylum), ==, EB_CARD_KIND_EVENT);
  g_assert_cmpstr (eb_card_get_title (asylum), ==, "Russia grants Assad asylum");
  g_assert_cmpstr (eb_card_get_date (asylum), ==, "2024-12-09");
  g_assert_null (eb_card_get_end_date (asylum));
  g_assert_cmpstr (eb_card_get_place (asylum), ==, "Moscow");
  assert_notes_contain (asylum, "country: ru");
  assert_notes_contain (asylum, "summary: Kremlin spokesman confirms asylum on humanitarian grounds");

  /* An interval: start and end, each with its own precision. */
  g_assert_cmpstr (eb_card_get_date (flight), ==, "2024-12-07");
  g_assert_cmpstr (eb_card_get_end_date (flight), ==, "2024-12-08T02:30");
  g_assert_cmpstr (eb_card_get_place (flight), ==, "Damascus");
  g_assert_null (eb_card_get_notes (flight));

  g_assert_cmpstr (eb_card_get_date (request), ==, "2025-04");

  g_assert_cmpint (eb_card_get_kind (tass), ==, EB_CARD_KIND_SOURCE);
  g_assert_cmpstr (eb_card_get_title (tass), ==, "Assad and his family arrive in Moscow, granted asylum");
  g_assert_cmpstr (eb_card_get_publisher (tass), ==, "TASS");
  g_assert_cmpstr (eb_card_get_date (tass), ==, "2024-12-09");
  g_assert_cmpstr (eb_card_get_url (tass), ==, "https://tass.com/world/1885945");
  assert_notes_contain (tass, "author: TASS\nlanguage: eng");

  /* To the minute on the card; the exact time stays in the notes. */
  g_assert_cmpstr (eb_card_get_date (denial), ==, "2025-04-21T09:15");
  assert_notes_contain (denial, "publishedAt: 2025-04-21T09:15:00Z");

  g_assert_cmpint (eb_card_get_kind (kremlin), ==, EB_CARD_KIND_NOTE);
  g_assert_cmpstr (eb_card_get_title (kremlin), ==, "The Kremlin");
  g_assert_cmpstr (eb_card_get_notes (kremlin), ==,
                   "Office of the President of Russia.\n\n— FollowTheMoney PublicBody —\njurisdiction: ru");
  g_assert_cmpint (eb_card_get_kind (baath), ==, EB_CARD_KIND_NOTE);
  g_assert_cmpstr (eb_card_get_title (baath), ==, "Arab Socialist Ba'ath Party – Syria Region");
}

static void
test_read_links (void)
{
  g_autoptr(EbBoard) board = read_data ("assad.jsonl");
  EbLink *link;

  link = link_between (board, "assad-bashar", "baath-party");
  g_assert_cmpstr (eb_item_get_id (EB_ITEM (link)), ==, "m-assad-baath");
  g_assert_cmpstr (eb_link_get_label (link), ==, "Secretary-General");
  g_assert_cmpint (eb_link_get_kind (link), ==, EB_LINK_KIND_RELATED);

  link = link_between (board, "assad-bashar", "assad-asma");
  g_assert_cmpstr (eb_link_get_label (link), ==, "spouse");
  link = link_between (board, "assad-bashar", "putin-vladimir");
  g_assert_cmpstr (eb_link_get_label (link), ==, "ally");
  link = link_between (board, "kremlin", "assad-bashar");
  g_assert_cmpstr (eb_link_get_label (link), ==, "granted asylum to");
  link = link_between (board, "jaafari-bashar", "kremlin");
  g_assert_cmpstr (eb_link_get_label (link), ==, "accredited to");

  /* Documentation: from what is reported to the source that reports it. */
  link = link_between (board, "asylum-2024", "tass-asylum");
  g_assert_cmpint (eb_link_get_kind (link), ==, EB_LINK_KIND_REPORTED_BY);
  g_assert_cmpstr (eb_link_get_label (link), ==, "reports");
  link = link_between (board, "jaafari-request", "tass-jaafari");
  g_assert_cmpint (eb_link_get_kind (link), ==, EB_LINK_KIND_REPORTED_BY);
  g_assert_null (eb_link_get_label (link));

  /* An event's "involved" and "organizer" are links too. */
  g_assert_cmpstr (eb_link_get_label (link_between (board, "asylum-2024", "assad-bashar")), ==, "involved");
  g_assert_cmpstr (eb_link_get_label (link_between (board, "asylum-2024", "putin-vladimir")), ==, "involved");
  g_assert_cmpstr (eb_link_get_label (link_between (board, "asylum-2024", "kremlin")), ==, "organizer");
  g_assert_cmpstr (eb_link_get_label (link_between (board, "flight-2024", "assad-asma")), ==, "involved");
}

/* Every relationship schema: which end the link starts at, and its label. */
static void
test_read_relationships (void)
{
  static const struct {
    const char *schema, *source, *target, *label_property, *label;
    EbLinkKind  kind;
    gboolean    reversed;
  } cases[] = {
    { "UnknownLink", "subject", "object", "role", "granted asylum to", EB_LINK_KIND_RELATED, FALSE },
    { "Associate", "person", "associate", "relationship", "ally", EB_LINK_KIND_RELATED, FALSE },
    { "Family", "person", "relative", "relationship", "spouse", EB_LINK_KIND_RELATED, FALSE },
    { "Membership", "member", "organization", "role", "Secretary-General", EB_LINK_KIND_RELATED, FALSE },
    { "Directorship", "director", "organization", "role", "chairman", EB_LINK_KIND_RELATED, FALSE },
    { "Ownership", "owner", "asset", "role", "beneficial owner", EB_LINK_KIND_RELATED, FALSE },
    { "Employment", "employee", "employer", "role", "ambassador", EB_LINK_KIND_RELATED, FALSE },
    { "Representation", "agent", "client", "role", "lawyer", EB_LINK_KIND_RELATED, FALSE },
    { "Succession", "predecessor", "successor", "role", "renamed", EB_LINK_KIND_RELATED, FALSE },
    { "Payment", "payer", "beneficiary", "purpose", "consulting fee", EB_LINK_KIND_RELATED, FALSE },
    { "Documentation", "document", "entity", "role", "reports", EB_LINK_KIND_REPORTED_BY, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = g_strdup_printf (
        "{\"id\":\"one\",\"schema\":\"Person\",\"properties\":{\"name\":[\"One\"]}}\n"
        "{\"id\":\"two\",\"schema\":\"Article\",\"properties\":{\"title\":[\"Two\"]}}\n"
        "{\"id\":\"rel\",\"schema\":\"%s\",\"properties\":{\"%s\":[\"two\"],\"%s\":[\"one\"],\"%s\":[\"%s\"]}}\n",
        cases[i].schema, cases[i].source, cases[i].target, cases[i].label_property, cases[i].label);
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = eb_ftm_read (data, strlen (data), &error);
      g_autofree char *text = NULL;
      EbLink *link;

      g_assert_no_error (error);
      link = cases[i].reversed ? link_between (board, "one", "two") : link_between (board, "two", "one");
      g_assert_cmpstr (eb_item_get_id (EB_ITEM (link)), ==, "rel");
      g_assert_cmpstr (eb_link_get_label (link), ==, cases[i].label);
      g_assert_cmpint (eb_link_get_kind (link), ==, cases[i].kind);

      /* The schema is kept in the first card's notes unless it is the one
       * the writer would choose by itself; then back, as the same entity. */
      g_assert_null (eb_card_get_notes (card (board, cases[i].reversed ? "two" : "one")));
      if (strcmp (cases[i].schema, "UnknownLink") == 0 || cases[i].reversed)
        g_assert_null (eb_card_get_notes (card (board, cases[i].reversed ? "one" : "two")));
      else
        {
          g_autofree char *section = g_strdup_printf ("— FollowTheMoney %s, link rel —", cases[i].schema);

          g_assert_cmpstr (eb_card_get_notes (card (board, "two")), ==, section);
        }
      text = eb_ftm_write (board, EB_FTM_LAYOUT_LINES, NULL);
      {
        g_autoptr(GHashTable) expected = parse_entities (data, strlen (data));
        g_autoptr(GHashTable) actual = parse_entities (text, strlen (text));

        assert_same_entities (expected, actual);
      }
    }
}

static void
test_read_unknown (void)
{
  g_autoptr(EbBoard) board = read_data ("unknown.jsonl");
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1,
      "an id with spaces that is rather long, and also ünïcödé, so it cannot be a board item id as it "
      "stands; it goes on and on and on and on", -1);
  g_autofree char *strange = g_strconcat ("ftm-", sum, NULL);
  EbCard *vessel = card (board, "vessel-1");
  EbCard *company = card (board, "co-oboronlogistics");
  EbCard *maher = card (board, "p-multi");
  EbCard *other = card (board, "p-other");
  EbCard *dangling = card (board, "m-dangling");
  EbCard *odd = card (board, strange);
  EbCard *doc = card (board, "doc-untitled");
  EbCard *same = card (board, "ev-same");
  EbLink *link;

  g_assert_cmpint (eb_card_get_kind (vessel), ==, EB_CARD_KIND_NOTE);
  g_assert_cmpstr (eb_card_get_title (vessel), ==, "Sparta IV");
  g_assert_cmpstr (eb_card_get_notes (vessel), ==,
                   "— FollowTheMoney Vessel —\nflag: ru\nimoNumber: 9187617\ntype: Ro-Ro cargo");

  g_assert_cmpstr (eb_card_get_title (company), ==, "Oboronlogistics LLC");
  assert_notes_contain (company, "— FollowTheMoney Company —\nname: Оборонлогистика\njurisdiction: ru");

  link = link_between (board, "co-oboronlogistics", "vessel-1");
  g_assert_cmpstr (eb_link_get_label (link), ==, "Ownership");
  assert_notes_contain (company, "— FollowTheMoney Ownership, link o-vessel —\npercentage: 100");
  link = link_between (board, "vessel-1", "co-oboronlogistics");
  g_assert_null (eb_link_get_label (link));

  /* A relationship whose other end is not in the file is kept as a note. */
  g_assert_cmpint (eb_card_get_kind (dangling), ==, EB_CARD_KIND_NOTE);
  assert_notes_contain (dangling, "— FollowTheMoney Membership —\nmember: assad-bashar\n"
                                  "organization: not-in-this-file\nrole: member");

  /* Two names: the first is the title; an alias with a line break
   * cannot be one line of the aliases, so it stays in the notes too. */
  g_assert_cmpstr (eb_card_get_title (maher), ==, "Maher al-Assad");
  g_assert_null (eb_card_get_aliases (maher));
  assert_notes_contain (maher, "name: Maher Hafez al-Assad");
  assert_notes_contain (maher, "weakAlias: Maher");
  assert_notes_contain (maher, "alias: Abu Bassel\\nsecond line");
  assert_notes_start (maher, "Commander of the\n4th Armoured Division.\n\n");
  assert_notes_contain (maher, "description: Brother of Bashar.");

  /* Fragments of one entity are merged. */
  g_assert_cmpstr (eb_card_get_role (other), ==, "Officer");
  assert_notes_contain (other, "position: Colonel");
  assert_notes_contain (other, "notes: Second fragment of the same entity");
  g_assert_cmpstr (eb_link_get_label (link_between (board, "p-multi", "p-other")), ==, "Family");

  g_assert_cmpstr (eb_card_get_date (odd), ==, "2024-12-08T14:30");
  assert_notes_contain (odd, "id: an id with spaces");

  /* A document without a title is named by its "name". */
  g_assert_cmpint (eb_card_get_kind (doc), ==, EB_CARD_KIND_SOURCE);
  g_assert_cmpstr (eb_card_get_title (doc), ==, "scan-0042.pdf");
  g_assert_cmpstr (eb_card_get_date (doc), ==, "2024");

  g_assert_cmpstr (eb_card_get_date (same), ==, "2025-01-02");
}

static void
test_read_diagram (void)
{
  g_autoptr(EbBoard) board = read_data ("assad.ftm");
  EbCard *assad = card (board, "assad-bashar");
  EbCard *putin = card (board, "putin-vladimir");
  EbCard *asylum = card (board, "asylum-2024");
  EbCard *tass = card (board, "tass-asylum");

  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 4);

  /* Grid units of 30 board units; Aleph's default colour is no colour. */
  g_assert_cmpfloat (eb_card_get_x (assad), ==, 300);
  g_assert_cmpfloat (eb_card_get_y (assad), ==, 120);
  g_assert_null (eb_card_get_color (assad));
  g_assert_cmpfloat (eb_card_get_x (putin), ==, 600);
  g_assert_cmpstr (eb_card_get_color (putin), ==, "#d13913");
  g_assert_cmpfloat (eb_card_get_x (asylum), ==, 465);
  g_assert_cmpfloat (eb_card_get_y (asylum), ==, 360);

  /* The article had no vertex: placed below the diagram, not on it. */
  g_assert_cmpfloat (eb_card_get_y (tass), >=, 360 + 100);

  g_assert_cmpstr (eb_link_get_label (link_between (board, "assad-bashar", "putin-vladimir")), ==, "ally");
  g_assert_cmpint (eb_link_get_kind (link_between (board, "asylum-2024", "tass-asylum")), ==,
                   EB_LINK_KIND_REPORTED_BY);
}

/* ------------------------------------------------------------------ */
/* Round trips                                                         */
/* ------------------------------------------------------------------ */

static void
roundtrip_entities (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = data_path (name);
  g_autofree char *original = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &original, &length, &error));
  board = eb_ftm_read (original, length, &error);
  g_assert_no_error (error);

  for (EbFtmLayout layout = EB_FTM_LAYOUT_LINES; layout <= EB_FTM_LAYOUT_DIAGRAM; layout++)
    {
      g_autoptr(GHashTable) expected = parse_entities (original, length);
      g_autoptr(GHashTable) actual = NULL;
      g_autoptr(EbBoard) again = NULL;
      g_autofree char *text = NULL;
      g_autofree char *text2 = NULL;
      gsize text_length, text2_length;

      text = eb_ftm_write (board, layout, &text_length);
      actual = parse_entities (text, text_length);
      assert_same_entities (expected, actual);

      /* And once more through a board: nothing drifts. */
      again = eb_ftm_read (text, text_length, &error);
      g_assert_no_error (error);
      text2 = eb_ftm_write (again, layout, &text2_length);
      g_assert_cmpstr (text2, ==, text);
    }
}

static void
test_roundtrip_diagram_layout (void)
{
  g_autoptr(EbBoard) board = read_data ("assad.ftm");
  g_autoptr(EbBoard) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GListModel *cards = eb_board_get_cards (board);
  gsize length;

  /* Positions that are not whole grid units survive too. */
  eb_card_set_position (card (board, "kremlin"), 123.25, -77.5);

  text = eb_ftm_write (board, EB_FTM_LAYOUT_DIAGRAM, &length);
  again = eb_ftm_read (text, length, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) c = g_list_model_get_item (cards, i);
      EbCard *d = card (again, eb_item_get_id (EB_ITEM (c)));

      g_assert_cmpfloat (eb_card_get_x (d), ==, eb_card_get_x (c));
      g_assert_cmpfloat (eb_card_get_y (d), ==, eb_card_get_y (c));
      g_assert_cmpstr (eb_card_get_color (d), ==, eb_card_get_color (c));
    }
}

/* Board → FtM → board for the sample board: what FtM carries survives;
 * positions (in JSON lines), sizes, colours, grades, frames, arrows,
 * credibility and the kinds "supports" and "contradicts" do not. */
static void
roundtrip_sample (gconstpointer data)
{
  EbFtmLayout layout = GPOINTER_TO_INT (data);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "assad-asylum.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_json_read_file (path, &error);
  g_autoptr(EbBoard) again = NULL;
  g_autofree char *text = NULL;
  GListModel *cards, *links;
  guint n_reported = 0;
  gsize length;

  g_assert_no_error (error);
  text = eb_ftm_write (board, layout, &length);
  again = eb_ftm_read (text, length, &error);
  g_assert_no_error (error);

  cards = eb_board_get_cards (board);
  links = eb_board_get_links (board);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (again)), ==, g_list_model_get_n_items (cards));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (again)), ==, g_list_model_get_n_items (links));

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) c = g_list_model_get_item (cards, i);
      EbCard *d = card (again, eb_item_get_id (EB_ITEM (c)));

      g_assert_cmpint (eb_card_get_kind (d), ==, eb_card_get_kind (c));
      g_assert_cmpstr (eb_card_get_title (d), ==, eb_card_get_title (c));
      g_assert_cmpstr (eb_card_get_aliases (d), ==, eb_card_get_aliases (c));
      g_assert_cmpstr (eb_card_get_role (d), ==, eb_card_get_role (c));
      g_assert_cmpstr (eb_card_get_notes (d), ==, eb_card_get_notes (c));
      g_assert_cmpstr (eb_card_get_date (d), ==, eb_card_get_date (c));
      g_assert_cmpstr (eb_card_get_end_date (d), ==, eb_card_get_end_date (c));
      g_assert_cmpstr (eb_card_get_place (d), ==, eb_card_get_place (c));
      g_assert_cmpstr (eb_card_get_publisher (d), ==, eb_card_get_publisher (c));
      g_assert_cmpstr (eb_card_get_url (d), ==, eb_card_get_url (c));
      if (layout == EB_FTM_LAYOUT_DIAGRAM)
        {
          g_assert_cmpfloat (eb_card_get_x (d), ==, eb_card_get_x (c));
          g_assert_cmpfloat (eb_card_get_y (d), ==, eb_card_get_y (c));
          g_assert_cmpstr (eb_card_get_color (d), ==, eb_card_get_color (c));
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EbLink) l = g_list_model_get_item (links, i);
      EbLink *m = EB_LINK (eb_board_lookup (again, eb_item_get_id (EB_ITEM (l))));

      g_assert_nonnull (m);
      g_assert_cmpstr (eb_link_get_from_id (m), ==, eb_link_get_from_id (l));
      g_assert_cmpstr (eb_link_get_to_id (m), ==, eb_link_get_to_id (l));
      g_assert_cmpstr (eb_link_get_label (m), ==, eb_link_get_label (l));
      if (eb_link_get_kind (l) == EB_LINK_KIND_REPORTED_BY)
        {
          g_assert_cmpint (eb_link_get_kind (m), ==, EB_LINK_KIND_REPORTED_BY);
          n_reported++;
        }
      else
        g_assert_cmpint (eb_link_get_kind (m), ==, EB_LINK_KIND_RELATED);
    }
  g_assert_cmpuint (n_reported, >, 0);
}

static void
test_write_frames (void)
{
  /* Frames, and links that end at one, have no FtM form: left out. */
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbCard) person = g_object_new (EB_TYPE_CARD, "id", "p", "kind", EB_CARD_KIND_PERSON,
                                           "title", "Bashar al-Assad", NULL);
  g_autoptr(EbFrame) frame = g_object_new (EB_TYPE_FRAME, "id", "f", "label", "Moscow", NULL);
  g_autoptr(EbLink) link = eb_link_new ("p", "f", EB_LINK_KIND_RELATED, "in");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (eb_board_add (board, EB_ITEM (person), &error));
  g_assert_true (eb_board_add (board, EB_ITEM (frame), &error));
  g_assert_true (eb_board_add (board, EB_ITEM (link), &error));
  g_assert_no_error (error);

  text = eb_ftm_write (board, EB_FTM_LAYOUT_LINES, NULL);
  g_assert_cmpstr (text, ==, "{\"id\":\"p\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Bashar al-Assad\"]}}\n");
}

static void
test_write_edited_notes (void)
{
  /* Found by fuzzing the writer: a notes block someone edited may keep an
   * empty id, or another card's. Every entity still gets its own id. */
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbCard) a = g_object_new (EB_TYPE_CARD, "id", "a", "kind", EB_CARD_KIND_PERSON, "title", "A",
                                      "notes", "— FollowTheMoney Person —\nid: ", NULL);
  g_autoptr(EbCard) b = g_object_new (EB_TYPE_CARD, "id", "b", "kind", EB_CARD_KIND_NOTE, "title", "B",
                                      "notes", "Typed here.\n\n— FollowTheMoney Vessel —\nid: a\nflag: ru\nnot a property", NULL);
  g_autoptr(EbLink) link = g_object_new (EB_TYPE_LINK, "id", "l", "from-id", "a", "to-id", "b", "label", "owns", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) again = NULL;
  g_autofree char *text = NULL;

  g_assert_true (eb_board_add (board, EB_ITEM (a), &error));
  g_assert_true (eb_board_add (board, EB_ITEM (b), &error));
  g_assert_true (eb_board_add (board, EB_ITEM (link), &error));

  text = eb_ftm_write (board, EB_FTM_LAYOUT_LINES, NULL);
  g_assert_cmpstr (text, ==,
                   "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n"
                   "{\"id\":\"b\",\"schema\":\"Vessel\",\"properties\":{\"name\":[\"B\"],"
                   "\"description\":[\"Typed here.\\n\\nnot a property\"],\"flag\":[\"ru\"]}}\n"
                   "{\"id\":\"l\",\"schema\":\"UnknownLink\",\"properties\":{\"subject\":[\"a\"],"
                   "\"object\":[\"b\"],\"role\":[\"owns\"]}}\n");
  again = eb_ftm_read (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (again)), ==, 2);
}

/* ------------------------------------------------------------------ */
/* Hostile input                                                       */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *data;
  const char *message;   /* a part of the one line that says why */
} Hostile;

static const Hostile hostile[] = {
  { "empty", "", "no FollowTheMoney entities" },
  { "blank", "\n \n\t\r\n", "no FollowTheMoney entities" },
  { "not-json", "id,schema\nx,Person\n", "Line 1, column 1: " },
  { "truncated", "{\"id\":\"a\",\"schema\":\"Person\"", "The data ends in the middle of a JSON value (line 1)" },
  { "truncated-later", "{\"id\":\"a\",\"schema\":\"Person\"}\n{\"id\":\"b\"", "The data ends in the middle of a JSON value (line 2)" },
  { "single-quotes", "{'id':'a','schema':'Person'}", "Line 1, column 2: a single-quoted string" },
  { "comment", "// entities\n{\"id\":\"a\",\"schema\":\"Person\"}", "Line 1, column 1: a comment" },
  { "comment-later", "{\"id\":\"a\",\"schema\":\"Person\"}\n/* x */\n", "Line 2, column 1: a comment" },
  { "invalid-utf8", "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"\xff\xfe\"]}}", "UTF-8" },
  { "big-integer", "{\"id\":\"a\",\"schema\":\"Vessel\",\"properties\":{\"x\":[99999999999999999999]}}\n{}", "an integer with more than 18 digits" },
  { "1e400", "{\"entities\":[],\"layout\":{\"vertices\":[{\"entityId\":\"a\",\"position\":{\"x\":1e400,\"y\":0}}]}}", "Line 1, column " },
  { "not-object", "[1,2,3]\n[4]\n", "Line 1: an entity must be a JSON object" },
  { "no-id", "{\"schema\":\"Person\"}", "has no “id”" },
  { "number-id", "{\"id\":7,\"schema\":\"Person\"}", "“id” must be a string" },
  { "no-schema", "{\"id\":\"a\"}\n{\"id\":\"b\"}", "Entity “a”: it has no “schema”" },
  /* Found by fuzzing: names quoted in a message must not break its line. */
  { "newline-in-names", "{\"id\":\"a\\nb\",\"schema\":\"Un\\nknown\"}", "Entity “a b”: “Un known” is not a FollowTheMoney schema name" },
  { "bad-schema", "{\"id\":\"a\",\"schema\":\"Per son\"}", "not a FollowTheMoney schema name" },
  { "bad-property", "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"na-me\":[\"x\"]}}", "not a FollowTheMoney property name" },
  { "properties-list", "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":[]}", "“properties” must be an object" },
  { "value-string", "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":\"Assad\"}}", "must be a list of strings" },
  { "value-numbers", "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[1]}}", "must be a list of strings" },
  { "value-nested", "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[[\"x\"]]}}", "must be a list of strings" },
  { "value-null", "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[null]}}", "must be a list of strings" },
  { "schema-clash", "{\"id\":\"a\",\"schema\":\"Person\"}\n{\"id\":\"a\",\"schema\":\"Company\"}", "appears twice, as Person and as Company" },
  { "diagram-no-entities", "{\"layout\":{}}", "no “entities” list" },
  { "diagram-entities-object", "{\"entities\":{}}", "“entities” must be a list" },
  { "diagram-far-vertex", "{\"entities\":[{\"id\":\"a\",\"schema\":\"Person\"}],\"layout\":{\"vertices\":[{\"entityId\":\"a\",\"position\":{\"x\":1e300,\"y\":0}}]}}", "outside the board" },
  { "diagram-vertex-text", "{\"entities\":[],\"layout\":{\"vertices\":[{\"entityId\":\"a\",\"position\":{\"x\":\"1\",\"y\":0}}]}}", "needs numbers" },
  { "other-json", "{\"format\":\"evidence-board\",\"cards\":[]}", "not FollowTheMoney" },
  { "nul", "{\"id\":\"a\",\"schema\":\"Person\"}\n\0\n", "NUL" },
};

static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = NULL;
      gsize length = strlen (hostile[i].data);

      if (strcmp (hostile[i].name, "nul") == 0)
        length = strlen (hostile[i].data) + 2;

      board = eb_ftm_read (hostile[i].data, length, &error);
      if (board != NULL)
        g_error ("%s: accepted", hostile[i].name);
      g_assert_error (error, EB_JSON_ERROR, error->code);
      if (strstr (error->message, hostile[i].message) == NULL || strchr (error->message, '\n') != NULL)
        g_error ("%s: “%s” does not say “%s” in one line", hostile[i].name, error->message, hostile[i].message);
    }
}

static void
test_hostile_deep (void)
{
  gsize n = 100000;
  g_autofree char *data = g_malloc (n * 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;

  memset (data, '[', n);
  memset (data + n, ']', n);
  board = eb_ftm_read (data, n * 2, &error);
  g_assert_null (board);
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "Line 1, column 17: lists and objects nested more than 16 deep"));
}

static void
test_hostile_big (void)
{
  /* A value larger than any card field. */
  gsize n = EB_TEXT_MAX + 10;
  g_autoptr(GString) s = g_string_new ("{\"id\":\"a\",\"schema\":\"Note\",\"properties\":{\"name\":[\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;

  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, 'x');
  g_string_append (s, "\"]}}\n");

  board = eb_ftm_read (s->str, s->len, &error);
  g_assert_null (board);
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Entity “a”: a value of “name” is longer than"));
}

/* Entities keep short lists; an entity made to hold tens of thousands of
 * values or properties (in one line, or the same id over many lines) is
 * refused at once, where it took minutes to read. */
static void
test_hostile_wide (void)
{
  struct { const char *name; guint n_lines, n_props, n_values; const char *message; } cases[] = {
    { "values", 1, 1, 40000, "Entity “a”: property “name” has more than 2000 values" },
    { "properties", 1, 40000, 1, "Entity “a” has more than 256 properties" },
    { "repeated-id", 40, 1, 1000, "Entity “a”: property “name” has more than 2000 values" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EbBoard) board = NULL;
      gint64 start = g_get_monotonic_time ();

      for (guint l = 0; l < cases[c].n_lines; l++)
        {
          g_string_append (s, "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{");
          for (guint p = 0; p < cases[c].n_props; p++)
            {
              if (cases[c].n_props > 1)
                g_string_append_printf (s, "%s\"p%u\":[", p ? "," : "", p);
              else
                g_string_append (s, "\"name\":[");
              for (guint v = 0; v < cases[c].n_values; v++)
                g_string_append_printf (s, "%s\"v%u\"", v ? "," : "", l * cases[c].n_values + v);
              g_string_append_c (s, ']');
            }
          g_string_append (s, "}}\n");
        }

      board = eb_ftm_read (s->str, s->len, &error);
      g_assert_null (board);
      g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_LARGE);
      if (strstr (error->message, cases[c].message) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[c].name, error->message, cases[c].message);
      /* Refused without reading it all: well under a second here. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
}

/* A diagram reaching the bottom of the board: the cards it did not place
 * go above it, not past the edge (where they were left at 0 with a
 * warning). */
static void
test_layout_at_the_edge (void)
{
  const char *data =
    "{\"layout\": {\"vertices\": [{\"entityId\": \"a\", \"position\": {\"x\": 0, \"y\": 333333.3333333333}}]},"
    " \"entities\": [{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {\"name\": [\"A\"]}},"
    " {\"id\": \"b\", \"schema\": \"Person\", \"properties\": {\"name\": [\"B\"]}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_ftm_read (data, strlen (data), &error);
  EbCard *a, *b;

  g_assert_no_error (error);
  a = eb_test_find_card_by_title (board, "A");
  b = eb_test_find_card_by_title (board, "B");
  g_assert_cmpfloat (eb_card_get_y (a), ==, EB_COORD_MAX);
  g_assert_cmpfloat (eb_card_get_y (b), <, eb_card_get_y (a));
  g_assert_cmpfloat (eb_card_get_y (b), >, EB_COORD_MAX - 2000);
}

static void
test_lenient (void)
{
  /* A BOM, CRLF line ends, blank lines, members FtM tools add, and a
   * missing "properties" are all fine. */
  const char *data = "\xef\xbb\xbf{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]},"
                     "\"caption\":\"A\",\"datasets\":[\"x\"],\"first_seen\":\"2024-01-01\"}\r\n\r\n"
                     "{\"id\":\"b\",\"schema\":\"Note\"}\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_ftm_read (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (eb_card_get_title (card (board, "a")), ==, "A");
  g_assert_null (eb_card_get_title (card (board, "b")));
  g_assert_null (eb_card_get_notes (card (board, "b")));
}

static void
test_list (void)
{
  /* A JSON list of entities, as some APIs return them; an UnknownLink
   * labelled like an event's own property stays an UnknownLink. */
  const char *data = "[{\"id\":\"e\",\"schema\":\"Event\",\"properties\":{\"name\":[\"E\"]}},"
                     "{\"id\":\"p\",\"schema\":\"Person\",\"properties\":{\"name\":[\"P\"]}},"
                     "{\"id\":\"u\",\"schema\":\"UnknownLink\",\"properties\":{\"subject\":[\"e\"],"
                     "\"object\":[\"p\"],\"role\":[\"involved\"]}}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_ftm_read (data, strlen (data), &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (eb_card_get_title (card (board, "e")), ==, "E");
  g_assert_cmpstr (eb_link_get_label (link_between (board, "e", "p")), ==, "involved");

  text = eb_ftm_write (board, EB_FTM_LAYOUT_LINES, NULL);
  g_assert_cmpstr (text, ==,
                   "{\"id\":\"e\",\"schema\":\"Event\",\"properties\":{\"name\":[\"E\"]}}\n"
                   "{\"id\":\"p\",\"schema\":\"Person\",\"properties\":{\"name\":[\"P\"]}}\n"
                   "{\"id\":\"u\",\"schema\":\"UnknownLink\",\"properties\":{\"subject\":[\"e\"],"
                   "\"object\":[\"p\"],\"role\":[\"involved\"]}}\n");
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static void
test_files (void)
{
  g_autoptr(EbBoard) board = read_data ("assad.jsonl");
  g_autofree char *dir = g_dir_make_tmp ("eb-ftm-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) again = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (eb_ftm_write_file (board, path, EB_FTM_LAYOUT_LINES, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  text = eb_ftm_write (board, EB_FTM_LAYOUT_LINES, NULL);
  g_assert_cmpstr (contents, ==, text);

  again = eb_ftm_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  g_assert_null (eb_ftm_read_file (missing, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  /* A file over the size limit is refused before it is read (a sparse
   * file: it takes no space). */
  g_assert_true (g_file_set_contents (path, "{\"id\":\"a\",\"schema\":\"Note\"}\n", -1, NULL));
  g_assert_cmpint (truncate (path, EB_JSON_MAX_SIZE + 1), ==, 0);
  g_assert_null (eb_ftm_read_file (path, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  g_assert_false (eb_ftm_write_file (board, "/nonexistent-dir/out.ftm", EB_FTM_LAYOUT_DIAGRAM, &error));
  g_assert_error (error, EB_JSON_ERROR, EB_JSON_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent-dir/out.ftm: "));

  g_unlink (path);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Command line                                                        */
/* ------------------------------------------------------------------ */

static void
test_cli (void)
{
  g_autofree char *entities = data_path ("assad.jsonl");
  g_autofree char *diagram = data_path ("assad.ftm");
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "assad-asylum.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("eb-ftm-cli-XXXXXX", NULL);
  g_autofree char *board_path = g_build_filename (dir, "out.board", NULL);
  g_autofree char *lines_path = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *diagram_path = g_build_filename (dir, "out.ftm", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.ftm", NULL);
  g_autoptr(EbBoard) expected = read_data ("assad.jsonl");
  g_autoptr(EbBoard) stored = NULL;
  g_autoptr(EbBoard) sample_board = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *text = NULL;
  GListModel *cards;

  {
    /* FtM entities → a board file that holds the same cards. */
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, "--export", board_path, entities, NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
  }
  stored = eb_store_read_file (board_path, &error);
  g_assert_no_error (error);
  cards = eb_board_get_cards (expected);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (stored)), ==, g_list_model_get_n_items (cards));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (stored)), ==,
                    g_list_model_get_n_items (eb_board_get_links (expected)));
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) c = g_list_model_get_item (cards, i);
      EbCard *d = card (stored, eb_item_get_id (EB_ITEM (c)));

      g_assert_cmpstr (eb_card_get_title (d), ==, eb_card_get_title (c));
      g_assert_cmpstr (eb_card_get_notes (d), ==, eb_card_get_notes (c));
      g_assert_cmpstr (eb_card_get_date (d), ==, eb_card_get_date (c));
    }

  {
    /* The board file → an Aleph diagram, as eb_ftm_write() makes it. */
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, "--export", diagram_path, board_path, NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (diagram_path, &written, NULL, NULL));
    text = eb_ftm_write (stored, EB_FTM_LAYOUT_DIAGRAM, NULL);
    g_assert_cmpstr (written, ==, text);
    g_clear_pointer (&written, g_free);
    g_clear_pointer (&text, g_free);
  }

  {
    /* A JSON board → entities, one a line. */
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, "--export", lines_path, sample, NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    sample_board = eb_json_read_file (sample, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (lines_path, &written, NULL, NULL));
    text = eb_ftm_write (sample_board, EB_FTM_LAYOUT_LINES, NULL);
    g_assert_cmpstr (written, ==, text);
  }

  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, "--check", diagram, NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_str_has_prefix (r.out, diagram));
    g_assert_nonnull (strstr (r.out, "5 cards (2 people, 1 event, 1 source, 1 note), 4 links"));
  }

  {
    /* A hostile diagram: one line naming the file and the problem. */
    g_auto(EbTestRun) r = { 0 };
    g_autofree char *expected = g_strdup_printf ("evidence-board: %s: Entity “a”: property “name” must be "
                                                 "a list of strings\n", bad_path);

    g_assert_true (g_file_set_contents (bad_path, "{\"entities\":[{\"id\":\"a\",\"schema\":\"Person\","
                                        "\"properties\":{\"name\":\"Assad\"}}]}", -1, NULL));
    eb_test_run_binary (&r, "--check", bad_path, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    g_assert_cmpstr (r.err, ==, expected);
  }

  eb_test_remove_dir (dir);
}

/* Text with quotes, backslashes, control characters and the line
 * separators JavaScript ends lines at goes out escaped, one entity a
 * line, and comes back byte for byte. */
static void
test_write_escapes (void)
{
  static const char *tricky = "\"quoted\" back\\slash \x01\b\f\x7f tab\t line\u2028para\u2029end";
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbBoard) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  EbCard *person;
  gsize length;

  person = eb_test_add_card (board, EB_CARD_KIND_PERSON, tricky, 0, 0);
  text = eb_ftm_write (board, EB_FTM_LAYOUT_LINES, &length);

  g_assert_null (strstr (text, "\u2028"));
  g_assert_null (strstr (text, "\u2029"));
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      g_error ("A raw control character 0x%02x at byte %d of %s", *p, (int) (p - text), text);
  /* One entity, one line: no newline of the text broke it. */
  g_assert_nonnull (strchr (text, '\n'));
  g_assert_true (strchr (text, '\n') == text + length - 1);

  again = eb_ftm_read (text, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_card_get_title (card (again, eb_item_get_id (EB_ITEM (person)))), ==, tricky);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eb/ftm/read/people", test_read_people);
  g_test_add_func ("/eb/ftm/read/events-sources", test_read_events_and_sources);
  g_test_add_func ("/eb/ftm/read/links", test_read_links);
  g_test_add_func ("/eb/ftm/read/relationships", test_read_relationships);
  g_test_add_func ("/eb/ftm/read/unknown", test_read_unknown);
  g_test_add_func ("/eb/ftm/read/diagram", test_read_diagram);
  g_test_add_func ("/eb/ftm/read/lenient", test_lenient);
  g_test_add_func ("/eb/ftm/read/list", test_list);
  g_test_add_data_func ("/eb/ftm/roundtrip/entities/assad", "assad.jsonl", roundtrip_entities);
  g_test_add_data_func ("/eb/ftm/roundtrip/entities/unknown", "unknown.jsonl", roundtrip_entities);
  g_test_add_data_func ("/eb/ftm/roundtrip/entities/diagram", "assad.ftm", roundtrip_entities);
  g_test_add_func ("/eb/ftm/roundtrip/diagram-layout", test_roundtrip_diagram_layout);
  g_test_add_func ("/eb/ftm/write/frames", test_write_frames);
  g_test_add_func ("/eb/ftm/write/escapes", test_write_escapes);
  g_test_add_func ("/eb/ftm/write/edited-notes", test_write_edited_notes);
  g_test_add_data_func ("/eb/ftm/roundtrip/sample/lines", GINT_TO_POINTER (EB_FTM_LAYOUT_LINES), roundtrip_sample);
  g_test_add_data_func ("/eb/ftm/roundtrip/sample/diagram", GINT_TO_POINTER (EB_FTM_LAYOUT_DIAGRAM), roundtrip_sample);
  g_test_add_func ("/eb/ftm/hostile/list", test_hostile);
  g_test_add_func ("/eb/ftm/hostile/deep", test_hostile_deep);
  g_test_add_func ("/eb/ftm/hostile/big", test_hostile_big);
  g_test_add_func ("/eb/ftm/hostile/wide", test_hostile_wide);
  g_test_add_func ("/eb/ftm/read/layout-at-the-edge", test_layout_at_the_edge);
  g_test_add_func ("/eb/ftm/files", test_files);
  g_test_add_func ("/eb/ftm/cli", test_cli);

  return g_test_run ();
}
