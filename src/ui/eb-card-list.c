/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-card-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eb-history-binding.h"
#include "eb-card-list.h"
#include "eb-card-row.h"

/* The accessible card list: every card of the board in a GtkListView,
 * filtered by a search entry, with the board's title above it. Until the
 * canvas exists this is how the cards are reached; later it stays as the
 * keyboard and screen reader way to the board, in step with the canvas
 * selection. */
struct _EbCardList
{
  AdwBin               parent_instance;

  EbHistory           *history;
  EbBoard             *board;
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  char                *search_casefold;
  guint                updating_title : 1;
  guint                editable : 1;

  GtkEntry            *board_title_entry;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkListView         *list_view;
};

G_DEFINE_FINAL_TYPE (EbCardList, eb_card_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_SELECTED_CARD,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
text_matches (const char *text,
              const char *needle_casefold)
{
  g_autofree char *casefold = NULL;

  if (text == NULL)
    return FALSE;
  casefold = g_utf8_casefold (text, -1);
  return strstr (casefold, needle_casefold) != NULL;
}

static gboolean
card_matches (gpointer item,
              gpointer user_data)
{
  EbCardList *self = user_data;
  EbCard *card = item;

  if (self->search_casefold == NULL)
    return TRUE;

  return text_matches (eb_card_get_title (card), self->search_casefold) ||
         text_matches (eb_card_get_aliases (card), self->search_casefold) ||
         text_matches (eb_card_get_role (card), self->search_casefold) ||
         text_matches (eb_card_get_place (card), self->search_casefold) ||
         text_matches (eb_card_get_publisher (card), self->search_casefold) ||
         text_matches (eb_card_get_notes (card), self->search_casefold);
}

static void
update_stack (EbCardList *self)
{
  const char *page = "list";

  if (self->board == NULL ||
      g_list_model_get_n_items (eb_board_get_cards (self->board)) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    page = "no-match";

  gtk_stack_set_visible_child_name (self->list_stack, page);
}

static void
update_board_title (EbCardList *self)
{
  const char *title = self->board ? eb_board_get_title (self->board) : NULL;

  if (title == NULL)
    title = "";

  /* Rewriting the entry with its own text would move the cursor. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->board_title_entry)), title) == 0)
    return;

  self->updating_title = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->board_title_entry), title);
  self->updating_title = FALSE;
}

static void
on_board_title_changed (EbCardList *self,
                        GtkEditable *editable)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text;

  /* The entry is not editable then; this is in case text is set anyway. */
  if (self->updating_title || self->history == NULL || !self->editable)
    return;

  text = gtk_editable_get_text (editable);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text[0] != '\0' ? text : NULL);
  eb_history_set_value (self->history, self->board, "title", &value);
}

static void
on_search_changed (EbCardList     *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_casefold, g_free);
  if (stripped[0] != '\0')
    self->search_casefold = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_item_changed (EbCardList *self,
                 EbItem     *item,
                 GParamSpec *pspec,
                 EbBoard    *board)
{
  /* An edit can make a card match the search, or stop matching it. */
  if (self->search_casefold != NULL && EB_IS_CARD (item) &&
      pspec->value_type == G_TYPE_STRING)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_items_changed (EbCardList *self)
{
  update_stack (self);
}

static void
on_selected_item_notify (EbCardList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CARD]);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, eb_card_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  eb_card_row_set_card (EB_CARD_ROW (gtk_list_item_get_child (list_item)),
                        gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  eb_card_row_set_card (EB_CARD_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
eb_card_list_dispose (GObject *object)
{
  EbCardList *self = EB_CARD_LIST (object);

  eb_card_list_set_history (self, NULL);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_selected_item_notify, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_func (self->filter_model, on_items_changed, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_CARD_LIST);

  G_OBJECT_CLASS (eb_card_list_parent_class)->dispose (object);
}

static void
eb_card_list_finalize (GObject *object)
{
  EbCardList *self = EB_CARD_LIST (object);

  g_free (self->search_casefold);

  G_OBJECT_CLASS (eb_card_list_parent_class)->finalize (object);
}

static void
eb_card_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EbCardList *self = EB_CARD_LIST (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SELECTED_CARD:
      g_value_set_object (value, eb_card_list_get_selected_card (self));
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_card_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EbCardList *self = EB_CARD_LIST (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      eb_card_list_set_history (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      eb_card_list_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_card_list_class_init (EbCardListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_card_list_dispose;
  object_class->finalize = eb_card_list_finalize;
  object_class->get_property = eb_card_list_get_property;
  object_class->set_property = eb_card_list_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, EB_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_CARD] =
    g_param_spec_object ("selected-card", NULL, NULL, EB_TYPE_CARD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether the board's title may be changed here: not on a board
   * opened read-only, where the list is for finding cards. */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/evidenceboard/EvidenceBoard/eb-card-list.ui");
  gtk_widget_class_bind_template_child (widget_class, EbCardList, board_title_entry);
  gtk_widget_class_bind_template_child (widget_class, EbCardList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EbCardList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EbCardList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_board_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);

  g_type_ensure (EB_TYPE_CARD_ROW);
}

static void
eb_card_list_init (EbCardList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  eb_history_binding_add_shortcuts (GTK_WIDGET (self));
  self->editable = TRUE;

  self->filter = gtk_custom_filter_new (card_matches, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  /* The canvas may have nothing selected, or a link: so may the list. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_notify), self);
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (on_items_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_stack (self);
}

/**
 * eb_card_list_new:
 *
 * Returns: (transfer floating): a card list showing no board
 */
GtkWidget *
eb_card_list_new (void)
{
  return g_object_new (EB_TYPE_CARD_LIST, NULL);
}

/**
 * eb_card_list_get_history:
 * @self: a card list
 *
 * Returns: (transfer none) (nullable): the history edits go through
 */
EbHistory *
eb_card_list_get_history (EbCardList *self)
{
  g_return_val_if_fail (EB_IS_CARD_LIST (self), NULL);
  return self->history;
}

/**
 * eb_card_list_set_history:
 * @self: a card list
 * @history: (nullable): the history of the board to list
 *
 * Lists the cards of @history's board; edits to the board title go
 * through @history so they can be undone.
 */
void
eb_card_list_set_history (EbCardList *self,
                          EbHistory  *history)
{
  g_return_if_fail (EB_IS_CARD_LIST (self));
  g_return_if_fail (history == NULL || EB_IS_HISTORY (history));

  if (self->history == history)
    return;

  if (self->board != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->board, update_board_title, self);
      g_signal_handlers_disconnect_by_func (self->board, on_item_changed, self);
      g_clear_object (&self->board);
    }
  g_clear_object (&self->history);

  if (history != NULL)
    {
      self->history = g_object_ref (history);
      self->board = g_object_ref (eb_history_get_board (history));
      g_signal_connect_object (self->board, "notify::title",
                               G_CALLBACK (update_board_title), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->board, "item-changed",
                               G_CALLBACK (on_item_changed), self, G_CONNECT_SWAPPED);
    }

  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model,
                                     self->board ? eb_board_get_cards (self->board) : NULL);
  if (self->board_title_entry != NULL)
    update_board_title (self);
  if (self->list_stack != NULL)
    update_stack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

gboolean
eb_card_list_get_editable (EbCardList *self)
{
  g_return_val_if_fail (EB_IS_CARD_LIST (self), FALSE);
  return self->editable;
}

/**
 * eb_card_list_set_editable:
 * @self: a card list
 * @editable: whether the board's title may be changed in the list
 *
 * A list that is not editable still finds and selects cards; its board
 * title can be read and copied but not typed into.
 */
void
eb_card_list_set_editable (EbCardList *self,
                           gboolean    editable)
{
  g_return_if_fail (EB_IS_CARD_LIST (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;

  /* Still focusable and selectable, so the title can be copied. */
  gtk_editable_set_editable (GTK_EDITABLE (self->board_title_entry), editable);
  if (editable)
    gtk_widget_remove_css_class (GTK_WIDGET (self->board_title_entry), "eb-read-only");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->board_title_entry), "eb-read-only");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

/**
 * eb_card_list_get_selected_card:
 * @self: a card list
 *
 * Returns: (transfer none) (nullable): the card whose details are shown
 */
EbCard *
eb_card_list_get_selected_card (EbCardList *self)
{
  g_return_val_if_fail (EB_IS_CARD_LIST (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

/**
 * eb_card_list_select_card:
 * @self: a card list
 * @card: a card of the board
 *
 * Selects @card and scrolls it into view, clearing the filter if it hides
 * the card.
 *
 * Returns: %TRUE if @card is on the board and is now selected
 */
gboolean
eb_card_list_select_card (EbCardList *self,
                          EbCard     *card)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (EB_IS_CARD_LIST (self), FALSE);
  g_return_val_if_fail (EB_IS_CARD (card), FALSE);

  if (self->search_casefold != NULL && !card_matches (card, self))
    {
      /* The entry reports its change only after a delay; drop the filter
       * now so the card is in the list to select. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_clear_pointer (&self->search_casefold, g_free);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
    }

  model = G_LIST_MODEL (self->filter_model);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbCard) item = g_list_model_get_item (model, i);

      if (item == card)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * eb_card_list_unselect:
 * @self: a card list
 *
 * Leaves no row selected, as when the canvas selects nothing or a link.
 */
void
eb_card_list_unselect (EbCardList *self)
{
  g_return_if_fail (EB_IS_CARD_LIST (self));

  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}
