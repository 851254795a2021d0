/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-history"

#include "config.h"

#include <glib/gi18n.h>
#include <gobject/gvaluecollector.h>
#include <math.h>

#include "eb-history.h"
#include "eb-limits.h"

/* Undo and redo for a board. Every change an analyst makes goes through
 * here as a command that holds ids and values, never pointers into the
 * board, so undoing after the items were replaced (removed and restored)
 * still finds them. Commands that belong together form a group; a group is
 * one undo step and, through the board's batch, one transaction on disk. */

#define MAX_GROUPS   1000
#define MERGE_USEC   (1500 * 1000)  /* typing into one field merges within this */

typedef enum {
  COMMAND_SET,
  COMMAND_ADD,
  COMMAND_REMOVE,
  COMMAND_REORDER,
} CommandKind;

typedef struct
{
  CommandKind  kind;
  char        *id;          /* NULL: the board itself (its title) */
  char        *property;
  GValue       old_value;
  GValue       new_value;
  EbItem      *snapshot;    /* a detached copy, for ADD and REMOVE */
  guint        position;    /* in its list: where it was added or removed; REORDER: before */
  guint        new_position; /* REORDER: after */
} Command;

typedef struct
{
  char       *label;
  GPtrArray  *commands;
  gint64      time;
  guint64     state;        /* names the board as this step leaves it */
} Group;

struct _EbHistory
{
  GObject     parent_instance;
  EbBoard    *board;
  GQueue      undo;         /* of Group, newest at head */
  GQueue      redo;
  Group      *open;         /* the group being recorded */
  guint       open_depth;

  /* The save point. Each step pushed onto the undo stack names the board
   * it leaves with a new number; the board is as it was saved when the
   * step on top of the undo stack has the number noted at the save. A
   * step undone and redone keeps its number; a later edit merged into a
   * step gets a new one. */
  guint64     next_state;
  guint64     base_state;   /* the board with every step undone */
  guint64     saved_state;  /* 0: no state of the history is the saved one */
  guint       applying;     /* > 0 while the history itself changes the board */
  guint       at_saved : 1; /* last notified "at-saved" */
};

G_DEFINE_FINAL_TYPE (EbHistory, eb_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BOARD,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_AT_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
command_free (Command *command)
{
  g_free (command->id);
  g_free (command->property);
  if (G_IS_VALUE (&command->old_value))
    g_value_unset (&command->old_value);
  if (G_IS_VALUE (&command->new_value))
    g_value_unset (&command->new_value);
  g_clear_object (&command->snapshot);
  g_free (command);
}

static Group *
group_new (const char *label)
{
  Group *group = g_new0 (Group, 1);

  group->label = g_strdup (label);
  group->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  group->time = g_get_monotonic_time ();
  return group;
}

static void
group_free (Group *group)
{
  g_free (group->label);
  g_ptr_array_unref (group->commands);
  g_free (group);
}

static void
clear_queue (GQueue *queue)
{
  Group *group;

  while ((group = g_queue_pop_head (queue)))
    group_free (group);
}

static guint64
current_state (EbHistory *self)
{
  Group *top = g_queue_peek_head (&self->undo);

  return top ? top->state : self->base_state;
}

static void
notify_at_saved (EbHistory *self)
{
  gboolean at_saved = eb_history_is_at_saved (self);

  if (self->at_saved == at_saved)
    return;
  self->at_saved = at_saved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT_SAVED]);
}

/* Puts @group on top of the undo stack as a new state of the board; the
 * steps that could be redone are gone, and with them a save point among
 * them. */
static void
push_new_group (EbHistory *self,
                Group     *group)
{
  group->state = ++self->next_state;
  g_queue_push_head (&self->undo, group);
  clear_queue (&self->redo);
  while (g_queue_get_length (&self->undo) > MAX_GROUPS)
    {
      Group *oldest = g_queue_pop_tail (&self->undo);

      /* Undoing everything now stops at the board as this step left it. */
      self->base_state = oldest->state;
      group_free (oldest);
    }
}

static void
notify_state (EbHistory *self,
              gboolean   could_undo,
              gboolean   could_redo)
{
  g_object_freeze_notify (G_OBJECT (self));
  notify_at_saved (self);
  if (could_undo != eb_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != eb_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}


static GObject *
resolve (EbHistory  *self,
         const char *id)
{
  if (id == NULL)
    return G_OBJECT (self->board);
  return G_OBJECT (eb_board_lookup (self->board, id));
}

static void
apply_command (EbHistory *self,
               Command   *command,
               gboolean   forward)
{
  gboolean adding = (command->kind == COMMAND_ADD) == forward;
  GObject *target;

  switch (command->kind)
    {
    case COMMAND_SET:
      target = resolve (self, command->id);
      g_return_if_fail (target != NULL);
      g_object_set_property (target, command->property,
                             forward ? &command->new_value : &command->old_value);
      break;

    case COMMAND_ADD:
    case COMMAND_REMOVE:
      if (adding)
        {
          g_autoptr(EbItem) copy = eb_item_copy (command->snapshot);
          g_autoptr(GError) error = NULL;

          if (!eb_board_insert (self->board, copy, command->position, &error))
            g_critical ("Cannot restore %s: %s", command->id, error->message);
        }
      else
        {
          target = resolve (self, command->id);
          g_return_if_fail (target != NULL);
          eb_board_remove (self->board, EB_ITEM (target));
        }
      break;

    case COMMAND_REORDER:
      target = resolve (self, command->id);
      g_return_if_fail (target != NULL);
      eb_board_reorder (self->board, EB_ITEM (target),
                        forward ? command->new_position : command->position);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
apply (EbHistory *self,
       Command   *command,
       gboolean   forward)
{
  self->applying++;
  apply_command (self, command, forward);
  self->applying--;
}

/* Any change to the board that does not come through the history (a
 * caller setting a field directly) is in every state the history can
 * reach from now on: none of them is the saved board any more. */
static void
on_board_changed_outside (EbHistory *self)
{
  if (self->applying > 0 || self->saved_state == 0)
    return;
  self->saved_state = 0;
  notify_at_saved (self);
}

/* Records a command that has already been carried out on the board. */
static void
record (EbHistory *self,
        Command   *command)
{
  gboolean could_undo = eb_history_can_undo (self);
  gboolean could_redo = eb_history_can_redo (self);

  if (self->open != NULL)
    {
      /* A drag sets x and y at every motion: keep one command per field
       * and item in the step, holding the first old and the last new value. */
      if (command->kind == COMMAND_SET)
        for (guint i = self->open->commands->len; i > 0; i--)
          {
            Command *earlier = g_ptr_array_index (self->open->commands, i - 1);

            if (earlier->kind != COMMAND_SET)
              break;
            if (g_strcmp0 (earlier->id, command->id) == 0 &&
                g_strcmp0 (earlier->property, command->property) == 0)
              {
                g_value_copy (&command->new_value, &earlier->new_value);
                command_free (command);
                return;
              }
          }
      g_ptr_array_add (self->open->commands, command);
      return;
    }

  /* A lone change to the field the last lone change touched, soon after:
   * one undo step for a word typed letter by letter. */
  if (command->kind == COMMAND_SET && g_queue_get_length (&self->redo) == 0)
    {
      Group *last = g_queue_peek_head (&self->undo);

      /* Only into another lone edit: a named step (a one-card "Move")
       * stays what its name says. */
      if (last != NULL && last->commands->len == 1 && last->label == NULL &&
          g_get_monotonic_time () - last->time < MERGE_USEC)
        {
          Command *previous = g_ptr_array_index (last->commands, 0);

          if (previous->kind == COMMAND_SET &&
              g_strcmp0 (previous->id, command->id) == 0 &&
              g_strcmp0 (previous->property, command->property) == 0)
            {
              g_value_copy (&command->new_value, &previous->new_value);
              last->time = g_get_monotonic_time ();
              /* The step now leaves the board otherwise: if it was the
               * saved one, it is no longer. */
              last->state = ++self->next_state;
              command_free (command);
              notify_at_saved (self);
              return;
            }
        }
    }

  {
    Group *group = group_new (NULL);

    g_ptr_array_add (group->commands, command);
    push_new_group (self, group);
  }

  notify_state (self, could_undo, could_redo);
}

static void
eb_history_dispose (GObject *object)
{
  EbHistory *self = EB_HISTORY (object);

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->open, group_free);
  if (self->board != NULL)
    g_signal_handlers_disconnect_by_data (self->board, self);
  g_clear_object (&self->board);

  G_OBJECT_CLASS (eb_history_parent_class)->dispose (object);
}

static void
eb_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EbHistory *self = EB_HISTORY (object);

  switch (prop_id)
    {
    case PROP_BOARD: g_value_set_object (value, self->board); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, eb_history_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, eb_history_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, eb_history_get_undo_label (self)); break;
    case PROP_REDO_LABEL: g_value_set_string (value, eb_history_get_redo_label (self)); break;
    case PROP_AT_SAVED: g_value_set_boolean (value, eb_history_is_at_saved (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EbHistory *self = EB_HISTORY (object);

  switch (prop_id)
    {
    case PROP_BOARD:
      self->board = g_value_dup_object (value);
      g_signal_connect_swapped (self->board, "item-added", G_CALLBACK (on_board_changed_outside), self);
      g_signal_connect_swapped (self->board, "item-removed", G_CALLBACK (on_board_changed_outside), self);
      g_signal_connect_swapped (self->board, "item-changed", G_CALLBACK (on_board_changed_outside), self);
      g_signal_connect_swapped (self->board, "item-reordered", G_CALLBACK (on_board_changed_outside), self);
      g_signal_connect_swapped (self->board, "notify::title", G_CALLBACK (on_board_changed_outside), self);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_history_class_init (EbHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = eb_history_dispose;
  object_class->get_property = eb_history_get_property;
  object_class->set_property = eb_history_set_property;

  properties[PROP_BOARD] =
    g_param_spec_object ("board", NULL, NULL, EB_TYPE_BOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  /**
   * EbHistory:at-saved:
   *
   * Whether the board is as it was when eb_history_mark_saved() was last
   * called, reached by undo or redo.
   */
  properties[PROP_AT_SAVED] = g_param_spec_boolean ("at-saved", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_history_init (EbHistory *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->next_state = self->base_state = 1;
}

/**
 * eb_history_new:
 * @board: the board whose changes to record
 *
 * Returns: (transfer full): an empty history
 */
EbHistory *
eb_history_new (EbBoard *board)
{
  g_return_val_if_fail (EB_IS_BOARD (board), NULL);
  return g_object_new (EB_TYPE_HISTORY, "board", board, NULL);
}

/**
 * eb_history_get_board:
 * @self: a history
 *
 * Returns: (transfer none): the board it records
 */
EbBoard *
eb_history_get_board (EbHistory *self)
{
  g_return_val_if_fail (EB_IS_HISTORY (self), NULL);
  return self->board;
}

/**
 * eb_history_begin:
 * @self: a history
 * @label: (nullable): what the step is called in the Undo menu, e.g. "Move"
 *
 * Starts one undo step; everything until the matching eb_history_end() is
 * undone together and written to disk in one transaction. Nests: inner
 * begin/end pairs join the outer step.
 */
void
eb_history_begin (EbHistory  *self,
                  const char *label)
{
  g_return_if_fail (EB_IS_HISTORY (self));

  if (self->open_depth++ == 0)
    self->open = group_new (label);
  eb_board_begin_batch (self->board);
  /* Mid-step, the board is not the saved one. */
  notify_at_saved (self);
}

/**
 * eb_history_end:
 * @self: a history
 *
 * Ends the step begun by eb_history_begin(). An empty step is dropped.
 */
void
eb_history_end (EbHistory *self)
{
  g_return_if_fail (EB_IS_HISTORY (self));
  g_return_if_fail (self->open_depth > 0);

  if (--self->open_depth == 0)
    {
      Group *group = g_steal_pointer (&self->open);

      if (group->commands->len > 0)
        {
          gboolean could_undo = eb_history_can_undo (self);
          gboolean could_redo = eb_history_can_redo (self);

          push_new_group (self, group);
          notify_state (self, could_undo, could_redo);
        }
      else
        group_free (group);
    }

  eb_board_end_batch (self->board);
  /* After the batch, so a listener may write to the working copy: a
   * step that changed nothing (a cancelled drag) leaves the board saved. */
  if (self->open_depth == 0)
    notify_at_saved (self);
}

/**
 * eb_history_cancel:
 * @self: a history with a step open
 *
 * Gives up the step begun by eb_history_begin(), as Escape during a drag
 * does: the changes recorded in it so far are undone, newest first, and
 * forgotten, and the step ends as eb_history_end() would, so the board's
 * batch closes. Nothing is added to the undo stack and Redo is kept.
 *
 * Inside nested steps, this undoes everything the outermost step has
 * recorded so far and ends the innermost one.
 */
void
eb_history_cancel (EbHistory *self)
{
  g_return_if_fail (EB_IS_HISTORY (self));
  g_return_if_fail (self->open_depth > 0);

  for (guint i = self->open->commands->len; i > 0; i--)
    apply (self, g_ptr_array_index (self->open->commands, i - 1), FALSE);
  g_ptr_array_set_size (self->open->commands, 0);

  /* An empty step is dropped. */
  eb_history_end (self);
}

/**
 * eb_history_set_value:
 * @self: a history
 * @target: an #EbItem on the board, or the #EbBoard itself
 * @property: the field to change
 * @value: its new value
 *
 * Changes one field, as an undoable step. Setting a field to the value it
 * has records nothing.
 */
void
eb_history_set_value (EbHistory    *self,
                      gpointer      target,
                      const char   *property,
                      const GValue *value)
{
  GParamSpec *pspec;
  Command *command;

  g_return_if_fail (EB_IS_HISTORY (self));
  g_return_if_fail (target == self->board ||
                    (EB_IS_ITEM (target) &&
                     eb_board_lookup (self->board, eb_item_get_id (target)) == target));

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
  g_return_if_fail (pspec != NULL);

  command = g_new0 (Command, 1);
  command->kind = COMMAND_SET;
  command->id = EB_IS_ITEM (target) ? g_strdup (eb_item_get_id (target)) : NULL;
  command->property = g_strdup (pspec->name);
  g_value_init (&command->old_value, pspec->value_type);
  g_value_init (&command->new_value, pspec->value_type);
  g_object_get_property (target, pspec->name, &command->old_value);
  if (!g_value_transform (value, &command->new_value) ||
      g_param_value_validate (pspec, &command->new_value) ||
      g_param_values_cmp (pspec, &command->old_value, &command->new_value) == 0)
    {
      /* Out of range, of the wrong type, or no change at all. */
      command_free (command);
      return;
    }

  eb_board_begin_batch (self->board);
  self->applying++;
  g_object_set_property (target, pspec->name, &command->new_value);
  self->applying--;
  record (self, command);
  eb_board_end_batch (self->board);
}

/**
 * eb_history_set:
 * @self: a history
 * @target: an #EbItem on the board, or the #EbBoard itself
 * @first_property: name of the first field to change
 * @...: its value, then more name/value pairs, ending with %NULL
 *
 * Changes several fields of one target as one undoable step, like
 * g_object_set().
 */
void
eb_history_set (EbHistory  *self,
                gpointer    target,
                const char *first_property,
                ...)
{
  const char *name;
  va_list args;

  g_return_if_fail (EB_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (target));

  eb_history_begin (self, NULL);

  va_start (args, first_property);
  for (name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s has no field “%s”", G_OBJECT_TYPE_NAME (target), name);
          break;
        }

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          break;
        }
      eb_history_set_value (self, target, name, &value);
    }
  va_end (args);

  eb_history_end (self);
}

/**
 * eb_history_add:
 * @self: a history
 * @item: a new card, link or frame
 * @error: where to say why it cannot be added
 *
 * Adds @item to the board as an undoable step.
 *
 * Returns: %FALSE if the board refuses it (see eb_board_add())
 */
gboolean
eb_history_add (EbHistory  *self,
                EbItem     *item,
                GError    **error)
{
  return eb_history_insert (self, item, G_MAXUINT, error);
}

/**
 * eb_history_insert:
 * @self: a history
 * @item: a new card, link or frame
 * @position: its place in the drawing order of its list, or %G_MAXUINT
 *   for the top
 * @error: where to say why it cannot be added
 *
 * Adds @item to the board at @position as an undoable step.
 *
 * Returns: %FALSE if the board refuses it (see eb_board_insert())
 */
gboolean
eb_history_insert (EbHistory  *self,
                   EbItem     *item,
                   guint       position,
                   GError    **error)
{
  Command *command;

  g_return_val_if_fail (EB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (EB_IS_ITEM (item), FALSE);

  eb_board_begin_batch (self->board);
  self->applying++;
  if (!eb_board_insert (self->board, item, position, error))
    {
      self->applying--;
      eb_board_end_batch (self->board);
      return FALSE;
    }
  self->applying--;

  command = g_new0 (Command, 1);
  command->kind = COMMAND_ADD;
  command->id = g_strdup (eb_item_get_id (item));
  command->snapshot = eb_item_copy (item);
  command->position = eb_board_get_position (self->board, item);
  record (self, command);
  eb_board_end_batch (self->board);

  return TRUE;
}

/**
 * eb_history_remove:
 * @self: a history
 * @item: a card, link or frame on the board
 *
 * Removes @item as an undoable step; the links of a card or frame go
 * with it and come back with it.
 */
void
eb_history_remove (EbHistory *self,
                   EbItem    *item)
{
  Command *command;

  g_return_if_fail (EB_IS_HISTORY (self));
  g_return_if_fail (EB_IS_ITEM (item));

  eb_history_begin (self, NULL);

  if (!EB_IS_LINK (item))
    {
      g_autoptr(GPtrArray) links = eb_board_dup_links_of_card (self->board, eb_item_get_id (item));

      for (guint i = 0; i < links->len; i++)
        eb_history_remove (self, g_ptr_array_index (links, i));
    }

  command = g_new0 (Command, 1);
  command->kind = COMMAND_REMOVE;
  command->id = g_strdup (eb_item_get_id (item));
  command->snapshot = eb_item_copy (item);
  command->position = eb_board_get_position (self->board, item);
  self->applying++;
  eb_board_remove (self->board, item);
  self->applying--;
  record (self, command);

  eb_history_end (self);
}

/* Not whether a step is open: that changes at every step without a
 * notification, and a listener asking mid-step (the window, when the
 * step's first change makes the board dirty) kept Undo off after it.
 * Undo and redo refuse to run mid-step all the same. */
gboolean
eb_history_can_undo (EbHistory *self)
{
  g_return_val_if_fail (EB_IS_HISTORY (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
eb_history_can_redo (EbHistory *self)
{
  g_return_val_if_fail (EB_IS_HISTORY (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

/**
 * eb_history_get_undo_label:
 * @self: a history
 *
 * Returns: (nullable): the name of the step Undo would undo, if it has one
 */
const char *
eb_history_get_undo_label (EbHistory *self)
{
  Group *group;

  g_return_val_if_fail (EB_IS_HISTORY (self), NULL);
  group = g_queue_peek_head (&self->undo);
  return group ? group->label : NULL;
}

/**
 * eb_history_get_redo_label:
 * @self: a history
 *
 * Returns: (nullable): the name of the step Redo would redo, if it has one
 */
const char *
eb_history_get_redo_label (EbHistory *self)
{
  Group *group;

  g_return_val_if_fail (EB_IS_HISTORY (self), NULL);
  group = g_queue_peek_head (&self->redo);
  return group ? group->label : NULL;
}

static gboolean
step (EbHistory *self,
      GQueue    *from,
      GQueue    *to,
      gboolean   forward)
{
  gboolean could_undo = eb_history_can_undo (self);
  gboolean could_redo = eb_history_can_redo (self);
  Group *group;

  if (self->open != NULL || g_queue_is_empty (from))
    return FALSE;

  group = g_queue_pop_head (from);

  eb_board_begin_batch (self->board);
  if (forward)
    for (guint i = 0; i < group->commands->len; i++)
      apply (self, g_ptr_array_index (group->commands, i), TRUE);
  else
    for (guint i = group->commands->len; i > 0; i--)
      apply (self, g_ptr_array_index (group->commands, i - 1), FALSE);
  eb_board_end_batch (self->board);

  /* Never merge a later edit into a step that was undone and redone. */
  group->time = 0;
  g_queue_push_head (to, group);
  notify_state (self, could_undo, could_redo);

  return TRUE;
}

/**
 * eb_history_undo:
 * @self: a history
 *
 * Returns: %TRUE if a step was undone
 */
gboolean
eb_history_undo (EbHistory *self)
{
  g_return_val_if_fail (EB_IS_HISTORY (self), FALSE);
  return step (self, &self->undo, &self->redo, FALSE);
}

/**
 * eb_history_redo:
 * @self: a history
 *
 * Returns: %TRUE if a step was redone
 */
gboolean
eb_history_redo (EbHistory *self)
{
  g_return_val_if_fail (EB_IS_HISTORY (self), FALSE);
  return step (self, &self->redo, &self->undo, TRUE);
}

/**
 * eb_history_clear:
 * @self: a history
 *
 * Forgets every step, as when a board is opened.
 */
void
eb_history_clear (EbHistory *self)
{
  gboolean could_undo, could_redo, at_saved;

  g_return_if_fail (EB_IS_HISTORY (self));

  could_undo = eb_history_can_undo (self);
  could_redo = eb_history_can_redo (self);
  at_saved = eb_history_is_at_saved (self);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  /* The board as it is becomes where undo stops; still the saved one if
   * it was. */
  self->base_state = ++self->next_state;
  if (at_saved)
    self->saved_state = self->base_state;
  notify_state (self, could_undo, could_redo);
}

/**
 * eb_history_mark_saved:
 * @self: a history
 *
 * Notes that the board, as it is now, is what its file holds: after a
 * save, or when a board is opened from its file. Undo and redo that come
 * back to this state make #EbHistory:at-saved %TRUE again; an edit made
 * after undoing past it (a different branch) makes it unreachable.
 */
void
eb_history_mark_saved (EbHistory *self)
{
  g_return_if_fail (EB_IS_HISTORY (self));

  self->saved_state = current_state (self);
  notify_at_saved (self);
}

/**
 * eb_history_is_at_saved:
 * @self: a history
 *
 * Returns: %TRUE if the board is as it was at the last
 *   eb_history_mark_saved(), with no step open
 */
gboolean
eb_history_is_at_saved (EbHistory *self)
{
  g_return_val_if_fail (EB_IS_HISTORY (self), FALSE);
  return self->saved_state != 0 && self->open == NULL &&
         current_state (self) == self->saved_state;
}

/**
 * eb_history_reorder:
 * @self: a history
 * @item: a card, link or frame on the board
 * @position: its new place in its list's drawing order, or %G_MAXUINT for
 *   the top
 *
 * Moves @item up or down the drawing order as an undoable step (see
 * eb_board_reorder()). Moving it to where it is records nothing.
 */
void
eb_history_reorder (EbHistory *self,
                    EbItem    *item,
                    guint      position)
{
  Command *command;
  guint old_position;

  g_return_if_fail (EB_IS_HISTORY (self));
  g_return_if_fail (EB_IS_ITEM (item));
  g_return_if_fail (eb_board_lookup (self->board, eb_item_get_id (item)) == item);

  eb_board_begin_batch (self->board);

  old_position = eb_board_get_position (self->board, item);
  self->applying++;
  eb_board_reorder (self->board, item, position);
  self->applying--;

  /* The board clamps a position past the end; record where the item
   * really went, so redo puts it there whatever was added since. */
  position = eb_board_get_position (self->board, item);
  if (position != old_position)
    {
      command = g_new0 (Command, 1);
      command->kind = COMMAND_REORDER;
      command->id = g_strdup (eb_item_get_id (item));
      command->position = old_position;
      command->new_position = position;
      record (self, command);
    }

  eb_board_end_batch (self->board);
}

/**
 * eb_history_append_items:
 * @self: a history
 * @items: (element-type EbItem): new cards, links and frames, each card
 *   or frame before the links that join it
 * @label: (nullable): the name of the step in the Undo menu
 * @error: where to say why the board refused an item
 *
 * Adds @items on top of their lists as one undoable step, as calling
 * eb_history_add() for each would, but without looking up where each one
 * went, which costs the length of its list: importing a large board into
 * a large board stays linear.
 *
 * Returns: %FALSE if the board refused an item (see eb_board_insert());
 *   the step is then cancelled and the board left as it was
 */
gboolean
eb_history_append_items (EbHistory   *self,
                         GPtrArray   *items,
                         const char  *label,
                         GError     **error)
{
  g_return_val_if_fail (EB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint i = 0; i < items->len; i++)
    g_return_val_if_fail (EB_IS_ITEM (g_ptr_array_index (items, i)), FALSE);

  eb_history_begin (self, label);
  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);
      GListModel *list;
      Command *command;

      self->applying++;
      if (!eb_board_insert (self->board, item, G_MAXUINT, error))
        {
          self->applying--;
          eb_history_cancel (self);
          return FALSE;
        }
      self->applying--;

      list = EB_IS_CARD (item) ? eb_board_get_cards (self->board)
           : EB_IS_LINK (item) ? eb_board_get_links (self->board)
           : eb_board_get_frames (self->board);

      command = g_new0 (Command, 1);
      command->kind = COMMAND_ADD;
      command->id = g_strdup (eb_item_get_id (item));
      command->snapshot = eb_item_copy (item);
      /* Appended: the top of its list. */
      command->position = g_list_model_get_n_items (list) - 1;
      record (self, command);
    }
  eb_history_end (self);

  return TRUE;
}
