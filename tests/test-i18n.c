/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "eb-application.h"
#include "eb-card-list.h"
#include "eb-card-row.h"
#include "eb-canvas.h"
#include "eb-card-details.h"
#include "eb-date.h"
#include "eb-locale.h"
#include "eb-painter-private.h"
#include "eb-spatial-index.h"
#include "eb-store.h"
#include "eb-window.h"
#include "eb-test-util.h"

/* The program in one language, as a user of that language sees it. meson
 * runs this once per language in po/LINGUAS, with LANGUAGE, LANG and
 * LC_ALL set for it and EB_TEST_LANGUAGE naming its catalogue (gettext
 * picks the language once, at start). What counts as English left
 * untranslated comes from the catalogue itself: a string shown on screen
 * that is the msgid of one of our messages and not its translation. */

typedef struct
{
  char      *context;
  char      *id;
  char      *id_plural;
  GPtrArray *strs;        /* msgstr, or msgstr[0…n] */
  char      *references;  /* "src/main.c:300 …" */
  gboolean   fuzzy;
} PoEntry;

static void
po_entry_free (gpointer data)
{
  PoEntry *e = data;

  g_free (e->context);
  g_free (e->id);
  g_free (e->id_plural);
  g_ptr_array_unref (e->strs);
  g_free (e->references);
  g_free (e);
}

static gboolean
po_entry_translated (const PoEntry *e)
{
  if (e->fuzzy || e->strs->len == 0)
    return FALSE;
  for (guint i = 0; i < e->strs->len; i++)
    if (((const char *) g_ptr_array_index (e->strs, i))[0] == '\0')
      return FALSE;
  return TRUE;
}

static const char *language;   /* ar, de, fr, ru */
static GPtrArray *entries;     /* PoEntry of po/LANGUAGE.po, without the header */
static GHashTable *by_id;      /* msgid and msgid_plural → GPtrArray of PoEntry */
static GHashTable *board_texts; /* what the open board says: its data, not ours */
static char *tmp_dir;
static EbApplication *app;

/* Reads a .po file: enough of the format for what msgfmt writes and
 * translators edit (quoted strings with C escapes, continuation lines,
 * flags, references; obsolete "#~" entries skipped). */
static GPtrArray *
read_po (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (po_entry_free);
  PoEntry *e = NULL;
  GString *field = NULL;   /* the string being read */
  char **target = NULL;    /* where it goes when done */

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

#define FINISH_FIELD() G_STMT_START {                     \
    if (field != NULL)                                    \
      {                                                   \
        char *s = g_strcompress (field->str);             \
        if (target != NULL)                               \
          { g_free (*target); *target = s; }              \
        else                                              \
          g_ptr_array_add (e->strs, s);                   \
        g_string_free (field, TRUE);                      \
        field = NULL;                                     \
      }                                                   \
  } G_STMT_END
#define FINISH_ENTRY() G_STMT_START {                     \
    FINISH_FIELD ();                                      \
    if (e != NULL && e->id != NULL && e->id[0] != '\0')   \
      g_ptr_array_add (out, e);                           \
    else if (e != NULL)                                   \
      po_entry_free (e);                                  \
    e = NULL;                                             \
  } G_STMT_END

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      const char *quote;

      if (line[0] == '\0')
        {
          FINISH_ENTRY ();
          continue;
        }
      if (g_str_has_prefix (line, "#~"))
        continue;
      if (line[0] == '"')
        {
          g_assert_nonnull (field);
          g_string_append_len (field, line + 1, strlen (line) - 2);
          continue;
        }

      FINISH_FIELD ();
      /* A comment, msgctxt or msgid after a msgid starts the next entry. */
      if (e != NULL && e->id != NULL &&
          (line[0] == '#' || g_str_has_prefix (line, "msgctxt ") || g_str_has_prefix (line, "msgid ")))
        FINISH_ENTRY ();

      if (e == NULL)
        {
          e = g_new0 (PoEntry, 1);
          e->strs = g_ptr_array_new_with_free_func (g_free);
          e->references = g_strdup ("");
        }

      if (g_str_has_prefix (line, "#,"))
        {
          e->fuzzy |= strstr (line, "fuzzy") != NULL;
          continue;
        }
      if (g_str_has_prefix (line, "#:"))
        {
          char *refs = g_strconcat (e->references, line + 2, " ", NULL);

          g_free (e->references);
          e->references = refs;
          continue;
        }
      if (line[0] == '#')
        continue;

      quote = strchr (line, '"');
      g_assert_nonnull (quote);
      if (g_str_has_prefix (line, "msgctxt "))
        target = &e->context;
      else if (g_str_has_prefix (line, "msgid_plural "))
        target = &e->id_plural;
      else if (g_str_has_prefix (line, "msgid "))
        target = &e->id;
      else if (g_str_has_prefix (line, "msgstr"))
        target = NULL;
      else
        g_error ("%s:%u: cannot read “%s”", path, i + 1, line);
      field = g_string_new_len (quote + 1, strlen (quote) - 2);
    }
  FINISH_ENTRY ();

#undef FINISH_FIELD
#undef FINISH_ENTRY

  return out;
}

static void
index_entry (PoEntry    *e,
             const char *id)
{
  GPtrArray *list = g_hash_table_lookup (by_id, id);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (by_id, (gpointer) id, list);
    }
  g_ptr_array_add (list, e);
}

/* %TRUE if @shown is English that this language's catalogue translates
 * otherwise (or should): the msgid of one of our messages, and not also
 * the translation of one (proper names, numbers, "OSINT" stay as they are). */
static gboolean
is_untranslated_english (const char *shown)
{
  GPtrArray *list;

  if (shown == NULL || shown[0] == '\0')
    return FALSE;
  /* A frame of the sample board is called "Sources": a name, not our word. */
  if (board_texts != NULL && g_hash_table_contains (board_texts, shown))
    return FALSE;
  list = g_hash_table_lookup (by_id, shown);
  if (list == NULL)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      PoEntry *e = g_ptr_array_index (list, i);

      if (!po_entry_translated (e))
        continue;
      for (guint j = 0; j < e->strs->len; j++)
        if (g_str_equal (g_ptr_array_index (e->strs, j), shown))
          return FALSE;
    }
  return TRUE;
}

/* The catalogue ---------------------------------------------------------------- */

/* The built catalogue is the one the program reads, found through
 * EVIDENCE_BOARD_LOCALEDIR without installing, and it says what the .po
 * says. */
static void
test_catalogue_loaded (void)
{
  guint n_checked = 0;

  g_assert_cmpstr (eb_locale_get_dir (), ==, g_getenv ("EVIDENCE_BOARD_LOCALEDIR"));

  for (guint i = 0; i < entries->len; i++)
    {
      PoEntry *e = g_ptr_array_index (entries, i);
      const char *got;

      if (!po_entry_translated (e))
        continue;
      if (e->id_plural != NULL)
        got = g_dngettext (GETTEXT_PACKAGE, e->id, e->id_plural, 1);
      else if (e->context != NULL)
        got = g_dpgettext2 (GETTEXT_PACKAGE, e->context, e->id);
      else
        got = g_dgettext (GETTEXT_PACKAGE, e->id);

      if (e->id_plural != NULL)
        {
          gboolean found = FALSE;

          for (guint j = 0; j < e->strs->len; j++)
            found |= g_str_equal (g_ptr_array_index (e->strs, j), got);
          if (!found)
            g_error ("%s: “%s” (one) is “%s”, not a form in the catalogue", language, e->id, got);
        }
      else if (!g_str_equal (got, g_ptr_array_index (e->strs, 0)))
        g_error ("%s: “%s” is “%s” at run time, “%s” in po/%s.po", language, e->id, got,
                 (char *) g_ptr_array_index (e->strs, 0), language);
      n_checked++;
    }

  g_test_message ("%u messages found translated", n_checked);
  g_assert_cmpuint (n_checked, >, 100);
}

/* The command line ----------------------------------------------------------------- */

static char *
run_help (gboolean english)
{
  const char *binary = g_getenv ("EB_BINARY");
  const char *argv[] = { binary, "--help", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_nonnull (binary);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  if (english)
    {
      envp = g_environ_unsetenv (envp, "LANGUAGE");
      envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
      envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
    }
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* `evidence-board --help` in the language: every message of src/main.c
 * that the English help shows (options, their arguments, summary,
 * examples) is shown as the catalogue translates it, and the English is
 * gone; GLib's own headings too. */
static void
test_help (void)
{
  g_autofree char *english = run_help (TRUE);
  g_autofree char *help = run_help (FALSE);
  guint n_checked = 0;
  const char *glib_heading = "Help Options:";

  g_assert_nonnull (strstr (english, "--export"));
  g_assert_nonnull (strstr (help, "--export"));
  g_assert_cmpstr (help, !=, english);

  for (guint i = 0; i < entries->len; i++)
    {
      PoEntry *e = g_ptr_array_index (entries, i);
      const char *str;

      /* One or two letters ("S", "PX") are found anywhere; they are
       * checked as parts of the usage lines of their options below. */
      if (strstr (e->references, "src/main.c:") == NULL || e->id_plural != NULL || strlen (e->id) < 4 ||
          strstr (english, e->id) == NULL)
        continue;

      if (!po_entry_translated (e))
        g_error ("%s: “%s” is shown by --help but not translated", language, e->id);
      str = g_ptr_array_index (e->strs, 0);
      if (strstr (help, str) == NULL)
        g_error ("%s: --help does not show “%s” (for “%s”): %s", language, str, e->id, g_strescape (help, NULL));
      if (!g_str_equal (str, e->id) && strstr (help, e->id) != NULL)
        g_error ("%s: --help still shows the English “%s”: %s", language, e->id, g_strescape (help, NULL));
      n_checked++;
    }

  /* The option arguments: "--export=OUT" becomes "--export=<translation>". */
  for (guint i = 0; i < entries->len; i++)
    {
      PoEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *in_english = g_strconcat ("=", e->id, " ", NULL);
      g_autofree char *translated = NULL;

      if (strstr (e->references, "src/main.c:") == NULL || strlen (e->id) >= 4 ||
          strstr (english, in_english) == NULL)
        continue;
      g_assert_true (po_entry_translated (e));
      translated = g_strconcat ("=", (char *) g_ptr_array_index (e->strs, 0), " ", NULL);
      if (strstr (help, translated) == NULL)
        g_error ("%s: --help does not show the argument “%s” (for “%s”): %s", language,
                 translated, in_english, g_strescape (help, NULL));
      n_checked++;
    }

  g_test_message ("%u messages of --help checked", n_checked);
  /* The options, their arguments, the summary, the examples. */
  g_assert_cmpuint (n_checked, >=, 10);

  /* GLib's part of the help comes from its own catalogue (glib20). */
  g_assert_nonnull (strstr (english, glib_heading));
  if (!g_str_equal (g_dgettext ("glib20", glib_heading), glib_heading))
    g_assert_null (strstr (help, glib_heading));
}

/* Dates ----------------------------------------------------------------------------- */

/* Dates read in the language: month names from the C library's locale
 * (LC_TIME), a month alone in its standalone form (Russian "декабрь
 * 2024"), in a date in the form a date uses ("8 декабря 2024"). */
static void
test_dates (void)
{
  const char *lc_time = setlocale (LC_TIME, NULL);

  g_autoptr(GDateTime) dt = g_date_time_new_utc (2024, 12, 8, 14, 30, 0);
  g_autofree char *month_in_date = g_date_time_format (dt, "%B");
  g_autofree char *month_alone = g_date_time_format (dt, "%OB");
  g_autofree char *day = eb_date_format ("2024-12-08");
  g_autofree char *month = eb_date_format ("2024-12");
  g_autofree char *minute = eb_date_format ("2024-12-08T14:30");
  g_autofree char *year = eb_date_format ("2024");

  g_test_message ("%s: “%s”, “%s”, “%s”, “%s”", language, year, month, day, minute);

  if (g_str_equal (lc_time, "C") || g_str_has_prefix (lc_time, "C."))
    g_error ("%s: the locale %s is not installed (on Debian: locales-all), so dates are in English",
             language, g_getenv ("LC_ALL"));

  /* The locale is really there (locales-all): not the C library's English. */
  g_assert_cmpstr (month_in_date, !=, "December");

  g_assert_nonnull (strstr (day, month_in_date));
  g_assert_nonnull (strstr (day, "8"));
  g_assert_nonnull (strstr (day, "2024"));
  g_assert_nonnull (strstr (minute, month_in_date));
  g_assert_nonnull (strstr (minute, "14"));
  g_assert_nonnull (strstr (minute, "30"));
  if (!g_str_equal (month_in_date, month_alone) && strstr (month, month_alone) == NULL)
    g_error ("%s: a month alone is “%s”; it should use the standalone name “%s” (%%OB), not “%s”",
             language, month, month_alone, month_in_date);
  g_assert_nonnull (strstr (month, month_alone));
  g_assert_nonnull (strstr (year, "2024"));
  g_assert_null (strstr (day, "December"));
  g_assert_null (strstr (month, "December"));
}

/* The painter ------------------------------------------------------------------------ */

/* On the canvas, whatever the language of the window, a card's text runs
 * in its own direction: an Arabic title is aligned right, a Latin one
 * left. The canvas itself is not mirrored. */
static void
test_painter_direction (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(PangoLayout) arabic = NULL;
  g_autoptr(PangoLayout) latin = NULL;
  PangoRectangle ink;
  const double width = 300;

  arabic = _eb_painter_make_layout (painter, painter->title_font, "بشار الأسد", width, 2);
  latin = _eb_painter_make_layout (painter, painter->title_font, "Bashar al-Assad", width, 2);

  pango_layout_get_pixel_extents (arabic, &ink, NULL);
  g_test_message ("Arabic title ink: x %d, width %d of %.0f", ink.x, ink.width, width);
  g_assert_cmpint (ink.width, >, 20);
  g_assert_cmpint (ink.x, >, width / 3);
  g_assert_cmpint (ink.x + ink.width, >=, width - 4);

  pango_layout_get_pixel_extents (latin, &ink, NULL);
  g_test_message ("Latin title ink: x %d, width %d of %.0f", ink.x, ink.width, width);
  g_assert_cmpint (ink.x, <=, 4);
  g_assert_cmpint (ink.x + ink.width, <, width * 2 / 3);
}

/* The window --------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *found;   /* "what: text" of each English string shown */
  guint      n_strings;
  guint      n_widgets;
  guint      n_wrong_direction;   /* widgets not in the language's direction */
  GtkTextDirection direction;
  GString   *wrong_direction;
} Walk;

static void
check_string (Walk       *walk,
              const char *what,
              const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  walk->n_strings++;
  if (is_untranslated_english (text))
    g_ptr_array_add (walk->found, g_strdup_printf ("%s: “%s”", what, text));
}

static void
check_menu (Walk       *walk,
            GMenuModel *menu)
{
  if (menu == NULL)
    return;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      const char *name;
      GMenuModel *linked;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_string (walk, "menu item", label);

      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_get_next (links, &name, &linked))
        {
          check_menu (walk, linked);
          g_object_unref (linked);
        }
    }
}

static void
check_list_model (Walk       *walk,
                  const char *what,
                  GListModel *model)
{
  if (!GTK_IS_STRING_LIST (model))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    check_string (walk, what, gtk_string_list_get_string (GTK_STRING_LIST (model), i));
}

/* The texts a widget shows: its label, title, tooltip, placeholder, … —
 * every string property of those names, whatever the widget's class. */
static const char * const shown_properties[] = {
  "label", "title", "subtitle", "tooltip-text", "placeholder-text", "description",
  "heading", "body", "text", "secondary-text", "label-text",
};

static void
walk_widget (Walk      *walk,
             GtkWidget *widget)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (widget);
  const char *type_name = G_OBJECT_TYPE_NAME (widget);

  /* Key caps ("Ctrl", "S", "Delete") are keys, named by GTK's catalogue:
   * shortcut labels, and the accelerators of menu items. */
  if (GTK_IS_SHORTCUT_LABEL (widget) || g_str_equal (gtk_widget_get_css_name (widget), "accelerator"))
    return;

  walk->n_widgets++;
  if (gtk_widget_get_direction (widget) != walk->direction)
    {
      if (walk->n_wrong_direction++ < 10)
        g_string_append_printf (walk->wrong_direction, " %s", type_name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (shown_properties); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, shown_properties[i]);
      g_autofree char *value = NULL;
      g_autofree char *what = NULL;

      if (pspec == NULL || pspec->value_type != G_TYPE_STRING || !(pspec->flags & G_PARAM_READABLE))
        continue;
      /* Text a user typed or a board holds is not ours to translate. */
      if (g_str_equal (shown_properties[i], "text") && GTK_IS_EDITABLE (widget))
        continue;
      g_object_get (widget, shown_properties[i], &value, NULL);
      what = g_strdup_printf ("%s %s", type_name, shown_properties[i]);
      check_string (walk, what, value);
    }

  if (GTK_IS_LABEL (widget))
    {
      g_autofree char *what = g_strdup_printf ("GtkLabel text in %s",
                                               G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));

      check_string (walk, what, gtk_label_get_text (GTK_LABEL (widget)));
    }
  if (GTK_IS_MENU_BUTTON (widget))
    check_menu (walk, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  if (GTK_IS_POPOVER_MENU (widget))
    check_menu (walk, gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget)));
  if (ADW_IS_COMBO_ROW (widget))
    check_list_model (walk, "AdwComboRow item", adw_combo_row_get_model (ADW_COMBO_ROW (widget)));
  if (GTK_IS_DROP_DOWN (widget))
    check_list_model (walk, "GtkDropDown item", gtk_drop_down_get_model (GTK_DROP_DOWN (widget)));
  if (GTK_IS_STACK (widget))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(GObject) page = g_list_model_get_item (pages, i);

          check_string (walk, "GtkStackPage title", gtk_stack_page_get_title (GTK_STACK_PAGE (page)));
        }
    }


  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child);
}

/* Walks @root and fails, naming them all, if it shows English strings. */
static void
assert_translated (GtkWidget  *root,
                   const char *what)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) wrong_direction = g_string_new (NULL);
  Walk walk = { found, 0, 0, 0, GTK_TEXT_DIR_NONE, wrong_direction };

  walk.direction = gtk_widget_get_default_direction ();
  walk_widget (&walk, root);
  g_test_message ("%s: %u widgets, %u strings", what, walk.n_widgets, walk.n_strings);
  g_assert_cmpuint (walk.n_strings, >, 0);

  if (found->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < found->len; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? "; " : " ", (char *) g_ptr_array_index (found, i));
      g_error ("%s: %s shows %u English string(s):%s", language, what, found->len, list->str);
    }
  if (walk.n_wrong_direction > 0)
    g_error ("%s: %s: %u widget(s) do not follow the language's direction:%s", language, what,
             walk.n_wrong_direction, wrong_direction->str);
}

/* Every text field of every card, link and frame of @board. */
static GHashTable *
collect_board_texts (EbBoard *board)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *lists[] = { eb_board_get_cards (board), eb_board_get_links (board), eb_board_get_frames (board) };

  if (eb_board_get_title (board) != NULL)
    g_hash_table_add (texts, g_strdup (eb_board_get_title (board)));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);
        guint n_props = 0;
        g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_GET_CLASS (item), &n_props);

        for (guint p = 0; p < n_props; p++)
          {
            char *value = NULL;

            if (props[p]->value_type != G_TYPE_STRING || !(props[p]->flags & G_PARAM_READABLE))
              continue;
            g_object_get (item, props[p]->name, &value, NULL);
            if (value != NULL)
              g_hash_table_add (texts, value);
          }
      }

  return texts;
}

static GtkWidget *
only_board_window (void)
{
  GtkWidget *found = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (EB_IS_WINDOW (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  g_assert_nonnull (found);
  return found;
}

static EbCard *
first_card_of_kind (EbBoard    *board,
                    EbCardKind  kind)
{
  GListModel *cards = eb_board_get_cards (board);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      if (eb_card_get_kind (card) == kind)
        return card;   /* the board holds a reference */
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
has_rows (gpointer data)
{
  g_autoptr(GPtrArray) rows = eb_test_find_all (data, EB_TYPE_CARD_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (eb_card_row_get_card (g_ptr_array_index (rows, i)) != NULL)
      return TRUE;
  return FALSE;
}

static GtkWidget *
transient_of (GtkWidget *board_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) t = g_list_model_get_item (toplevels, i);

      if (t != board_window && gtk_window_get_transient_for (GTK_WINDOW (t)) == GTK_WINDOW (board_window) &&
          gtk_widget_get_mapped (t))
        return t;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return transient_of (data) != NULL;
}

static double
x_in_window (GtkWidget *widget,
             GtkWidget *window)
{
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (widget, window, &GRAPHENE_POINT_INIT (0, 0), &p));
  return p.x;
}

/* The main window with the sample board, its inspector showing an event
 * and a source, its menus, the keyboard shortcuts window and the Export
 * dialog: no English left, and under Arabic everything runs right to left
 * — the card list on the right, the inspector on the left. */
static void
test_window (void)
{
  g_autofree char *board_path = g_build_filename (g_getenv ("EB_BUILD_ROOT"), "data", "samples",
                                                  "assad-asylum.board", NULL);
  g_autofree char *copy = g_build_filename (tmp_dir, "assad-asylum.board", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *shot = g_strdup_printf ("i18n-%s.png", language);
  g_autofree char *dialog_shot = g_strdup_printf ("i18n-%s-export.png", language);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean rtl = g_str_equal (language, "ar");
  GtkWidget *window, *list, *canvas, *details, *overlay, *dialog;
  EbBoard *board;
  gsize length;

  /* The language's direction, as GTK takes it from its own catalogue. */
  g_assert_cmpint (gtk_get_locale_direction (), ==, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_default_direction (), ==, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

  g_file_get_contents (board_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (copy);
  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = only_board_window ();
  eb_test_wait_for (eb_test_is_mapped, window, "the window to be mapped");
  eb_test_wait_for (has_rows, window, "the card list to show rows");
  eb_test_run_for (300);

  g_assert_cmpint (gtk_widget_get_direction (window), ==, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  board = eb_store_get_board (eb_window_get_store (EB_WINDOW (window)));
  board_texts = collect_board_texts (board);
  assert_translated (window, "the main window");

  /* Mirrored: the list at the start of the line of reading, the inspector
   * at its end. */
  list = eb_test_find_one (window, EB_TYPE_CARD_LIST);
  canvas = eb_test_find_one (window, EB_TYPE_CANVAS);
  details = eb_test_find_one (window, EB_TYPE_CARD_DETAILS);

  g_assert_true (eb_card_list_select_card (EB_CARD_LIST (list), first_card_of_kind (board, EB_CARD_KIND_EVENT)));
  eb_test_wait_for (eb_test_is_mapped, details, "the inspector to show the event");
  eb_test_run_for (200);
  assert_translated (window, "the main window with an event selected");

  if (rtl)
    {
      g_assert_cmpfloat (x_in_window (list, window), >, x_in_window (canvas, window));
      g_assert_cmpfloat (x_in_window (details, window), <, x_in_window (canvas, window));
    }
  else
    {
      g_assert_cmpfloat (x_in_window (list, window), <, x_in_window (canvas, window));
      g_assert_cmpfloat (x_in_window (details, window), >, x_in_window (canvas, window));
    }

  g_assert_true (eb_card_list_select_card (EB_CARD_LIST (list), first_card_of_kind (board, EB_CARD_KIND_SOURCE)));
  eb_test_run_for (300);
  assert_translated (window, "the main window with a source selected");
  eb_test_save_screenshot (window, tmp_dir, shot);

  /* The main menu, open, for a look (EB_SCREENSHOT_DIR). */
  {
    g_autoptr(GPtrArray) buttons = eb_test_find_all (window, GTK_TYPE_MENU_BUTTON);
    g_autofree char *menu_shot = g_strdup_printf ("i18n-%s-menu.png", language);

    for (guint i = 0; i < buttons->len; i++)
      {
        GtkMenuButton *button = g_ptr_array_index (buttons, i);
        GtkPopover *popover;

        if (!gtk_menu_button_get_primary (button))
          continue;
        gtk_menu_button_popup (button);
        popover = gtk_menu_button_get_popover (button);
        eb_test_wait_for (eb_test_is_mapped, popover, "the main menu to open");
        eb_test_run_for (200);
        eb_test_save_screenshot (GTK_WIDGET (popover), tmp_dir, menu_shot);
        gtk_menu_button_popdown (button);
        eb_test_run_for (100);
      }
  }

  /* The keyboard shortcuts window. */
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  if (overlay != NULL)
    assert_translated (overlay, "the keyboard shortcuts window");

  /* The Export dialog. */
  g_assert_true (gtk_widget_activate_action (window, "win.export", NULL));
  eb_test_wait_for (dialog_shown, window, "the Export dialog");
  eb_test_run_for (300);
  dialog = transient_of (window);
  g_assert_cmpint (gtk_widget_get_direction (dialog), ==, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  assert_translated (dialog, "the Export dialog");
  eb_test_save_screenshot (dialog, tmp_dir, dialog_shot);
  gtk_window_close (GTK_WINDOW (dialog));
  eb_test_run_for (100);

  /* The About window, credits page included (built with the window). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  eb_test_wait_for (dialog_shown, window, "the About window");
  eb_test_run_for (300);
  dialog = transient_of (window);
  g_assert_true (ADW_IS_ABOUT_WINDOW (dialog));
  g_assert_cmpint (gtk_widget_get_direction (dialog), ==, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  assert_translated (dialog, "the About window");
  gtk_window_close (GTK_WINDOW (dialog));
  eb_test_run_for (100);

  gtk_window_close (GTK_WINDOW (window));
  eb_test_run_for (200);
  g_clear_pointer (&board_texts, g_hash_table_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *po = NULL;
  g_autofree char *path = NULL;
  int status;

  language = g_getenv ("EB_TEST_LANGUAGE");
  if (language == NULL)
    g_error ("EB_TEST_LANGUAGE is not set; run the tests with meson test");

  tmp_dir = g_dir_make_tmp ("eb-test-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);

  /* As main() starts the program: the locale of the environment, our
   * catalogues, then GTK, which takes its text direction from them. Not
   * gtk_test_init(), which forces an English locale. */
  g_test_init (&argc, &argv, NULL);
  eb_locale_init ();
  gtk_init ();
  adw_init ();

  po = g_strdup_printf ("%s.po", language);
  path = g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "po", po, NULL);
  entries = read_po (path);
  by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < entries->len; i++)
    {
      PoEntry *e = g_ptr_array_index (entries, i);

      index_entry (e, e->id);
      if (e->id_plural != NULL)
        index_entry (e, e->id_plural);
    }
  g_assert_cmpuint (entries->len, >, 100);

  app = eb_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/eb/i18n/catalogue", test_catalogue_loaded);
  g_test_add_func ("/eb/i18n/help", test_help);
  g_test_add_func ("/eb/i18n/dates", test_dates);
  g_test_add_func ("/eb/i18n/painter/direction", test_painter_direction);
  g_test_add_func ("/eb/i18n/window", test_window);

  status = g_test_run ();

  g_clear_object (&app);
  g_hash_table_unref (by_id);
  g_ptr_array_unref (entries);
  eb_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
