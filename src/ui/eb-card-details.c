/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-card-details"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-card-details.h"
#include "eb-card-row.h"
#include "eb-date.h"
#include "eb-history-binding.h"
#include "eb-limits.h"
#include "eb-link-details.h"

/* The fields of one card, by kind, as editable rows. Every edit goes
 * through the board's EbHistory (so typing a word is one undo step and
 * reaches the working copy at once); every change to the card, from here,
 * from undo or later from the canvas, is shown back. Below the fields, the
 * card's links; activating one emits ::card-activated with the card (or
 * frame) at its other end, even when the fields are not editable. */

#define KIND(k) (1u << (k))
#define ALL_KINDS (KIND (EB_CARD_KIND_PERSON) | KIND (EB_CARD_KIND_EVENT) | \
                   KIND (EB_CARD_KIND_SOURCE) | KIND (EB_CARD_KIND_NOTE))

typedef enum {
  ENTRY_TITLE,
  ENTRY_ROLE,
  ENTRY_PUBLISHER,
  ENTRY_URL,
  ENTRY_DATE,
  ENTRY_END_DATE,
  ENTRY_PLACE,
  N_ENTRIES
} EntryField;

static const struct {
  const char *property;
  guint       kinds;
  gboolean    is_date;
} entry_fields[N_ENTRIES] = {
  [ENTRY_TITLE] = { "title", ALL_KINDS & ~KIND (EB_CARD_KIND_NOTE), FALSE },
  [ENTRY_ROLE] = { "role", KIND (EB_CARD_KIND_PERSON), FALSE },
  [ENTRY_PUBLISHER] = { "publisher", KIND (EB_CARD_KIND_SOURCE), FALSE },
  [ENTRY_URL] = { "url", KIND (EB_CARD_KIND_SOURCE), FALSE },
  [ENTRY_DATE] = { "date", KIND (EB_CARD_KIND_EVENT) | KIND (EB_CARD_KIND_SOURCE), TRUE },
  [ENTRY_END_DATE] = { "end-date", KIND (EB_CARD_KIND_EVENT), TRUE },
  [ENTRY_PLACE] = { "place", KIND (EB_CARD_KIND_EVENT), FALSE },
};

struct _EbCardDetails
{
  AdwBin                parent_instance;

  EbHistory            *history;
  EbBoard              *board;
  EbCard               *card;
  GPtrArray            *link_rows;
  guint                 clear_idle;
  guint                 pending_clears;   /* bits: EntryField */
  guint                 updating : 1;
  guint                 editable : 1;

  AdwPreferencesGroup  *fields_group;
  AdwEntryRow          *entries[N_ENTRIES];
  GtkLabel             *date_hint;
  GtkLabel             *end_date_hint;
  AdwComboRow          *grade_row;
  AdwPreferencesGroup  *aliases_group;
  GtkTextView          *aliases_view;
  AdwPreferencesGroup  *notes_group;
  GtkTextView          *notes_view;
  AdwPreferencesGroup  *links_group;
};

G_DEFINE_FINAL_TYPE (EbCardDetails, eb_card_details, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_CARD,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  CARD_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
apply_text (EbCardDetails *self,
            const char    *property,
            const char    *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->updating || self->card == NULL || self->history == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text != NULL && text[0] != '\0' ? text : NULL);
  eb_history_set_value (self->history, self->card, property, &value);
}

static void
set_date_hint (GtkLabel   *hint,
               const char *text)
{
  g_autofree char *formatted = NULL;

  if (text == NULL || text[0] == '\0')
    formatted = g_strdup ("");
  else if (!eb_date_is_valid (text))
    /* Translators: shown beside a date field whose text is not a date */
    formatted = g_strdup (_("Not a date"));
  else
    formatted = eb_date_format (text);

  gtk_label_set_text (hint, formatted);
}

static GtkLabel *
hint_for_entry (EbCardDetails *self,
                EntryField     field)
{
  return field == ENTRY_DATE ? self->date_hint : self->end_date_hint;
}

static void
apply_pending_clears (gpointer data)
{
  EbCardDetails *self = data;
  guint pending = self->pending_clears;

  self->clear_idle = 0;
  self->pending_clears = 0;

  for (guint i = 0; i < N_ENTRIES; i++)
    if ((pending & (1u << i)) != 0 &&
        gtk_editable_get_text (GTK_EDITABLE (self->entries[i]))[0] == '\0')
      apply_text (self, entry_fields[i].property, NULL);
}

static void
cancel_pending_clears (EbCardDetails *self)
{
  g_clear_handle_id (&self->clear_idle, g_source_remove);
  self->pending_clears = 0;
}

static void
on_entry_changed (EbCardDetails *self,
                  GtkEditable   *editable)
{
  EntryField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "eb-field"));
  const char *text = gtk_editable_get_text (editable);
  gboolean valid;

  g_assert (field < N_ENTRIES);

  if (entry_fields[field].is_date)
    {
      valid = eb_date_is_valid (text);
      set_date_hint (hint_for_entry (self, field), text);
    }
  else
    valid = eb_text_is_valid (text, -1);

  /* A date being typed is invalid until it is complete: show it, but keep
   * the card's date as it was. */
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");

  if (!valid || self->updating)
    return;

  /* Replacing a date (typing over it, pasting) first empties the field;
   * clearing the card's date for that moment would lose it when the new
   * text is not a date. An empty date field applies once it stays empty. */
  if (entry_fields[field].is_date && text[0] == '\0')
    {
      self->pending_clears |= 1u << field;
      if (self->clear_idle == 0)
        self->clear_idle = g_idle_add_once (apply_pending_clears, self);
      return;
    }

  apply_text (self, entry_fields[field].property, text);
}

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_buffer_changed (EbCardDetails *self,
                   GtkTextBuffer *buffer)
{
  g_autofree char *text = dup_buffer_text (buffer);
  const char *property = g_object_get_data (G_OBJECT (buffer), "eb-property");

  if (eb_text_is_valid (text, -1))
    apply_text (self, property, text);
}

static void
on_grade_selected (EbCardDetails *self)
{
  guint selected = adw_combo_row_get_selected (self->grade_row);

  if (self->updating || self->card == NULL || self->history == NULL ||
      selected == GTK_INVALID_LIST_POSITION || selected > EB_GRADE_F)
    return;

  eb_history_set (self->history, self->card, "grade", (EbGrade) selected, NULL);
}

static void
update_entry (EbCardDetails *self,
              EntryField     field)
{
  GtkEditable *editable = GTK_EDITABLE (self->entries[field]);
  g_autofree char *value = NULL;

  if (self->card != NULL)
    g_object_get (self->card, entry_fields[field].property, &value, NULL);
  if (value == NULL)
    value = g_strdup ("");

  /* The card holds what the entry shows unless the entry holds a date
   * still being typed; rewriting the same text would move the cursor. */
  if (g_strcmp0 (gtk_editable_get_text (editable), value) != 0)
    {
      self->updating = TRUE;
      gtk_editable_set_text (editable, value);
      self->updating = FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  if (entry_fields[field].is_date)
    set_date_hint (hint_for_entry (self, field), value);
}

static void
update_text_view (EbCardDetails *self,
                  GtkTextView   *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  const char *property = g_object_get_data (G_OBJECT (buffer), "eb-property");
  g_autofree char *value = NULL;
  g_autofree char *current = dup_buffer_text (buffer);

  if (self->card != NULL)
    g_object_get (self->card, property, &value, NULL);
  if (value == NULL)
    value = g_strdup ("");

  if (g_strcmp0 (current, value) != 0)
    {
      self->updating = TRUE;
      gtk_text_buffer_set_text (buffer, value, -1);
      self->updating = FALSE;
    }
}

static void
update_grade (EbCardDetails *self)
{
  EbGrade grade = self->card ? eb_card_get_grade (self->card) : EB_GRADE_NONE;

  if (adw_combo_row_get_selected (self->grade_row) == (guint) grade)
    return;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->grade_row, grade);
  self->updating = FALSE;
}

static void
on_link_row_activated (EbCardDetails *self,
                       AdwActionRow  *row)
{
  const char *other_id = g_object_get_data (G_OBJECT (row), "eb-other-id");
  EbItem *other;

  if (self->board == NULL || other_id == NULL)
    return;

  other = eb_board_lookup_link_end (self->board, other_id);
  if (other != NULL)
    g_signal_emit (self, signals[CARD_ACTIVATED], 0, other);
}

static GtkWidget *
create_link_row (EbCardDetails *self,
                 EbLink        *link)
{
  const char *card_id = eb_item_get_id (EB_ITEM (self->card));
  gboolean outgoing = g_strcmp0 (eb_link_get_from_id (link), card_id) == 0;
  const char *other_id = outgoing ? eb_link_get_to_id (link) : eb_link_get_from_id (link);
  const char *other_icon_name;
  const char *other_kind_name;
  g_autofree char *other = eb_link_details_dup_end_name (self->board, other_id,
                                                         &other_icon_name, &other_kind_name);
  gboolean other_is_frame = EB_IS_FRAME (eb_board_lookup_link_end (self->board, other_id));
  const char *label = eb_link_get_label (link);
  guint credibility = eb_link_get_credibility (link);
  g_autofree char *label_shown = NULL;
  g_autofree char *other_shown = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *icon;

  if (label == NULL || label[0] == '\0')
    label = eb_link_kind_describe (eb_link_get_kind (link));

  /* Each part in a first-strong isolate (U+2068 … U+2069): a Latin title
   * ending in a quote stays whole in an Arabic line, and the other way round. */
  label_shown = g_strdup_printf ("\u2068%s\u2069", label);
  other_shown = g_strdup_printf ("\u2068%s\u2069", other);
  if (outgoing)
    /* Translators: a link from this card, e.g. "granted asylum to → Bashar al-Assad" */
    title = g_strdup_printf (_("%s → %s"), label_shown, other_shown);
  else
    /* Translators: a link to this card from another, e.g. "granted asylum to ← Russia" */
    title = g_strdup_printf (_("%s ← %s"), label_shown, other_shown);

  if (credibility > 0)
    /* Translators: a link's kind and the credibility of its claim, e.g. "Reported by · Probably true" */
    subtitle = g_strdup_printf (_("%s · %s"), eb_link_kind_describe (eb_link_get_kind (link)),
                                eb_credibility_describe (credibility));
  else
    subtitle = g_strdup (eb_link_kind_describe (eb_link_get_kind (link)));

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row,
                               other_is_frame
                               /* Translators: tooltip of a link to a frame; selects it on the board */
                               ? _("Show this frame")
                               : _("Show the card at the other end"));

  icon = gtk_image_new_from_icon_name (outgoing ? "go-next-symbolic" : "go-previous-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  outgoing ? _("Outgoing link") : _("Incoming link"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* What is at the other end: a card's kind, or a frame. */
  if (other_icon_name != NULL)
    {
      icon = gtk_image_new_from_icon_name (other_icon_name);
      gtk_widget_set_tooltip_text (icon, other_kind_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, other_kind_name,
                                      -1);
      gtk_widget_add_css_class (icon, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  if (eb_link_get_kind (link) == EB_LINK_KIND_CONTRADICTS)
    gtk_widget_add_css_class (row, "eb-link-contradicts");
  else if (eb_link_get_kind (link) == EB_LINK_KIND_SUPPORTS)
    gtk_widget_add_css_class (row, "eb-link-supports");

  g_object_set_data_full (G_OBJECT (row), "eb-other-id", g_strdup (other_id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_link_row_activated), self, G_CONNECT_SWAPPED);

  return row;
}

static void
update_links (EbCardDetails *self)
{
  g_autoptr(GPtrArray) links = NULL;

  for (guint i = 0; i < self->link_rows->len; i++)
    adw_preferences_group_remove (self->links_group, g_ptr_array_index (self->link_rows, i));
  g_ptr_array_set_size (self->link_rows, 0);

  if (self->card == NULL || self->board == NULL)
    return;

  links = eb_board_dup_links_of_card (self->board, eb_item_get_id (EB_ITEM (self->card)));
  for (guint i = 0; i < links->len; i++)
    {
      GtkWidget *row = create_link_row (self, g_ptr_array_index (links, i));

      g_ptr_array_add (self->link_rows, row);
      adw_preferences_group_add (self->links_group, row);
    }

  adw_preferences_group_set_description (self->links_group,
                                         links->len == 0 ? _("This card has no links yet.") : NULL);
}

static void
update_layout (EbCardDetails *self)
{
  EbCardKind kind = self->card ? eb_card_get_kind (self->card) : EB_CARD_KIND_NOTE;
  guint bit = KIND (kind);

  for (guint i = 0; i < N_ENTRIES; i++)
    gtk_widget_set_visible (GTK_WIDGET (self->entries[i]),
                            self->card != NULL && (entry_fields[i].kinds & bit) != 0);

  /* A note is its text; it shows a title only if it was given one. */
  if (self->card != NULL && kind == EB_CARD_KIND_NOTE && eb_card_get_title (self->card) != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->entries[ENTRY_TITLE]), TRUE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entries[ENTRY_TITLE]),
                                 kind == EB_CARD_KIND_PERSON
                                 /* Translators: a person's name */
                                 ? C_("person", "Name")
                                 /* Translators: an event's or a source's headline */
                                 : C_("card field", "Title"));

  gtk_widget_set_visible (GTK_WIDGET (self->grade_row), kind == EB_CARD_KIND_SOURCE && self->card != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->aliases_group), kind == EB_CARD_KIND_PERSON && self->card != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), self->card != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), self->card != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group),
                          self->card != NULL &&
                          (kind != EB_CARD_KIND_NOTE || eb_card_get_title (self->card) != NULL));

  adw_preferences_group_set_title (self->fields_group, eb_card_kind_describe (kind));
  adw_preferences_group_set_title (self->notes_group,
                                   kind == EB_CARD_KIND_NOTE
                                   /* Translators: the text of a note card */
                                   ? C_("note", "Text")
                                   /* Translators: the analyst's notes on a card */
                                   : C_("card field", "Notes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == EB_CARD_KIND_NOTE ? C_("note", "Text") : C_("card field", "Notes"),
                                  -1);
}

static void
update_all (EbCardDetails *self)
{
  update_layout (self);
  for (guint i = 0; i < N_ENTRIES; i++)
    update_entry (self, i);
  update_text_view (self, self->aliases_view);
  update_text_view (self, self->notes_view);
  update_grade (self);
  update_links (self);
}

static void
on_card_notify (EbCardDetails *self,
                GParamSpec    *pspec,
                EbCard        *card)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    if (g_str_equal (pspec->name, entry_fields[i].property))
      {
        update_entry (self, i);
        if (i == ENTRY_TITLE)
          update_layout (self);
        return;
      }

  if (g_str_equal (pspec->name, "aliases"))
    update_text_view (self, self->aliases_view);
  else if (g_str_equal (pspec->name, "notes"))
    update_text_view (self, self->notes_view);
  else if (g_str_equal (pspec->name, "grade"))
    update_grade (self);
}

static gboolean
link_touches_card (EbCardDetails *self,
                   EbLink        *link)
{
  const char *id = eb_item_get_id (EB_ITEM (self->card));

  return g_strcmp0 (eb_link_get_from_id (link), id) == 0 ||
         g_strcmp0 (eb_link_get_to_id (link), id) == 0;
}

static void
on_board_item_added_or_removed (EbCardDetails *self,
                                EbItem        *item)
{
  if (self->card != NULL && EB_IS_LINK (item) && link_touches_card (self, EB_LINK (item)))
    update_links (self);
}

static void
on_board_item_changed (EbCardDetails *self,
                       EbItem        *item,
                       GParamSpec    *pspec)
{
  if (self->card == NULL || self->link_rows == NULL)
    return;

  if (EB_IS_LINK (item))
    {
      if (!g_str_equal (pspec->name, "modified"))
        update_links (self);
    }
  else if (EB_IS_CARD (item) && (EbCard *) item != self->card && self->link_rows->len > 0 &&
           (g_str_equal (pspec->name, "title") || g_str_equal (pspec->name, "notes") ||
            g_str_equal (pspec->name, "kind")))
    update_links (self);
  /* A link may end at a frame, named by its label. */
  else if (EB_IS_FRAME (item) && self->link_rows->len > 0 && g_str_equal (pspec->name, "label"))
    update_links (self);
}

static void
eb_card_details_dispose (GObject *object)
{
  EbCardDetails *self = EB_CARD_DETAILS (object);

  eb_card_details_set_card (self, NULL);
  eb_card_details_set_history (self, NULL);
  g_clear_pointer (&self->link_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_CARD_DETAILS);

  G_OBJECT_CLASS (eb_card_details_parent_class)->dispose (object);
}

static void
eb_card_details_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbCardDetails *self = EB_CARD_DETAILS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_CARD:
      g_value_set_object (value, self->card);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_card_details_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EbCardDetails *self = EB_CARD_DETAILS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      eb_card_details_set_history (self, g_value_get_object (value));
      break;
    case PROP_CARD:
      eb_card_details_set_card (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      eb_card_details_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_card_details_class_init (EbCardDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_card_details_dispose;
  object_class->get_property = eb_card_details_get_property;
  object_class->set_property = eb_card_details_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, EB_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL, EB_TYPE_CARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbCardDetails::card-activated:
   * @end: the card, or the frame, at the other end of an activated link
   */
  signals[CARD_ACTIVATED] =
    g_signal_new ("card-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, EB_TYPE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/evidenceboard/EvidenceBoard/eb-card-details.ui");
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, fields_group);
  gtk_widget_class_bind_template_child_full (widget_class, "title_row", FALSE,
                                             G_STRUCT_OFFSET (EbCardDetails, entries[ENTRY_TITLE]));
  gtk_widget_class_bind_template_child_full (widget_class, "role_row", FALSE,
                                             G_STRUCT_OFFSET (EbCardDetails, entries[ENTRY_ROLE]));
  gtk_widget_class_bind_template_child_full (widget_class, "publisher_row", FALSE,
                                             G_STRUCT_OFFSET (EbCardDetails, entries[ENTRY_PUBLISHER]));
  gtk_widget_class_bind_template_child_full (widget_class, "url_row", FALSE,
                                             G_STRUCT_OFFSET (EbCardDetails, entries[ENTRY_URL]));
  gtk_widget_class_bind_template_child_full (widget_class, "date_row", FALSE,
                                             G_STRUCT_OFFSET (EbCardDetails, entries[ENTRY_DATE]));
  gtk_widget_class_bind_template_child_full (widget_class, "end_date_row", FALSE,
                                             G_STRUCT_OFFSET (EbCardDetails, entries[ENTRY_END_DATE]));
  gtk_widget_class_bind_template_child_full (widget_class, "place_row", FALSE,
                                             G_STRUCT_OFFSET (EbCardDetails, entries[ENTRY_PLACE]));
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, date_hint);
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, end_date_hint);
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, grade_row);
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, aliases_group);
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, aliases_view);
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, notes_group);
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, notes_view);
  gtk_widget_class_bind_template_child (widget_class, EbCardDetails, links_group);
}

static void
eb_card_details_init (EbCardDetails *self)
{
  g_autoptr(GtkStringList) grades = gtk_string_list_new (NULL);
  GtkTextBuffer *buffer;

  self->editable = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  eb_history_binding_add_shortcuts (GTK_WIDGET (self));

  self->link_rows = g_ptr_array_new ();

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_object_set_data (G_OBJECT (self->entries[i]), "eb-field", GUINT_TO_POINTER (i));
      g_signal_connect_object (self->entries[i], "changed",
                               G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
    }

  for (EbGrade grade = EB_GRADE_NONE; grade <= EB_GRADE_F; grade++)
    {
      g_autofree char *item = NULL;

      if (grade == EB_GRADE_NONE)
        item = g_strdup (eb_grade_describe (grade));
      else
        /* Translators: a grade in the reliability list, e.g. "B — Usually reliable" */
        item = g_strdup_printf (_("%s — %s"), eb_grade_to_string (grade), eb_grade_describe (grade));
      gtk_string_list_append (grades, item);
    }
  adw_combo_row_set_model (self->grade_row, G_LIST_MODEL (grades));
  g_signal_connect_object (self->grade_row, "notify::selected",
                           G_CALLBACK (on_grade_selected), self, G_CONNECT_SWAPPED);

  /* The board's history is the only undo; the text views' own would
   * undo behind its back. */
  buffer = gtk_text_view_get_buffer (self->aliases_view);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_object_set_data (G_OBJECT (buffer), "eb-property", (gpointer) "aliases");
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_object_set_data (G_OBJECT (buffer), "eb-property", (gpointer) "notes");
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);

  update_all (self);
}

/**
 * eb_card_details_new:
 *
 * Returns: (transfer floating): a details pane showing no card
 */
GtkWidget *
eb_card_details_new (void)
{
  return g_object_new (EB_TYPE_CARD_DETAILS, NULL);
}

/**
 * eb_card_details_get_history:
 * @self: a details pane
 *
 * Returns: (transfer none) (nullable): the history edits go through
 */
EbHistory *
eb_card_details_get_history (EbCardDetails *self)
{
  g_return_val_if_fail (EB_IS_CARD_DETAILS (self), NULL);
  return self->history;
}

/**
 * eb_card_details_set_history:
 * @self: a details pane
 * @history: (nullable): the history of the board whose cards are shown
 *
 * Sets where edits go. Shown cards must be on @history's board.
 */
void
eb_card_details_set_history (EbCardDetails *self,
                             EbHistory     *history)
{
  g_return_if_fail (EB_IS_CARD_DETAILS (self));
  g_return_if_fail (history == NULL || EB_IS_HISTORY (history));

  if (self->history == history)
    return;

  eb_card_details_set_card (self, NULL);
  eb_history_binding_set_history (self, &self->history, &self->board, history,
                                  "item-added", G_CALLBACK (on_board_item_added_or_removed),
                                  "item-removed", G_CALLBACK (on_board_item_added_or_removed),
                                  "item-changed", G_CALLBACK (on_board_item_changed),
                                  NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * eb_card_details_get_card:
 * @self: a details pane
 *
 * Returns: (transfer none) (nullable): the card shown
 */
EbCard *
eb_card_details_get_card (EbCardDetails *self)
{
  g_return_val_if_fail (EB_IS_CARD_DETAILS (self), NULL);
  return self->card;
}

/**
 * eb_card_details_set_card:
 * @self: a details pane
 * @card: (nullable): a card on the history's board, or %NULL
 *
 * Shows @card's fields for editing and follows its changes.
 */
void
eb_card_details_set_card (EbCardDetails *self,
                          EbCard        *card)
{
  g_return_if_fail (EB_IS_CARD_DETAILS (self));
  g_return_if_fail (card == NULL || EB_IS_CARD (card));

  if (self->card == card)
    return;

  cancel_pending_clears (self);

  eb_history_binding_follow (self, &self->card, card, G_CALLBACK (on_card_notify));

  if (self->link_rows != NULL)
    update_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

/**
 * eb_card_details_focus:
 * @self: a details pane
 *
 * Moves the keyboard focus to the card's first field, as after adding a card.
 */
void
eb_card_details_focus (EbCardDetails *self)
{
  g_return_if_fail (EB_IS_CARD_DETAILS (self));

  if (self->card == NULL)
    return;

  if (gtk_widget_get_visible (GTK_WIDGET (self->fields_group)))
    gtk_widget_grab_focus (GTK_WIDGET (self->entries[ENTRY_TITLE]));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
}

/**
 * eb_card_details_get_editable:
 * @self: a details pane
 *
 * Returns: whether the card's fields can be edited
 */
gboolean
eb_card_details_get_editable (EbCardDetails *self)
{
  g_return_val_if_fail (EB_IS_CARD_DETAILS (self), FALSE);
  return self->editable;
}

/**
 * eb_card_details_set_editable:
 * @self: a details pane
 * @editable: whether the card's fields can be edited
 *
 * A read-only board shows its cards without letting them change: the
 * fields are insensitive, but the card's links still lead to the cards
 * and frames at their other ends.
 */
void
eb_card_details_set_editable (EbCardDetails *self,
                              gboolean       editable)
{
  g_return_if_fail (EB_IS_CARD_DETAILS (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->aliases_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_group), editable);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}
