/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-item"

#include "config.h"

#include "eb-item.h"

typedef struct
{
  char   *id;
  gint64  created;
  gint64  modified;
} EbItemPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (EbItem, eb_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eb_item_finalize (GObject *object)
{
  EbItemPrivate *priv = eb_item_get_instance_private (EB_ITEM (object));

  g_free (priv->id);

  G_OBJECT_CLASS (eb_item_parent_class)->finalize (object);
}

static void
eb_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  EbItemPrivate *priv = eb_item_get_instance_private (EB_ITEM (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, priv->created);
      break;
    case PROP_MODIFIED:
      g_value_set_int64 (value, priv->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  EbItem *self = EB_ITEM (object);
  EbItemPrivate *priv = eb_item_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only: NULL means "give me a fresh id". */
      g_free (priv->id);
      priv->id = g_value_get_string (value) ? g_value_dup_string (value) : eb_item_new_id ();
      break;
    case PROP_CREATED:
      priv->created = g_value_get_int64 (value);
      break;
    case PROP_MODIFIED:
      eb_item_set_modified (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_item_constructed (GObject *object)
{
  EbItemPrivate *priv = eb_item_get_instance_private (EB_ITEM (object));

  G_OBJECT_CLASS (eb_item_parent_class)->constructed (object);

  if (priv->id == NULL)
    priv->id = eb_item_new_id ();
  if (priv->created == 0)
    priv->created = g_get_real_time ();
  if (priv->modified == 0)
    priv->modified = priv->created;
}

static void
eb_item_class_init (EbItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eb_item_finalize;
  object_class->get_property = eb_item_get_property;
  object_class->set_property = eb_item_set_property;
  object_class->constructed = eb_item_constructed;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Times are microseconds since the Unix epoch, UTC. */
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_item_init (EbItem *self)
{
}

/**
 * eb_item_new_id:
 *
 * Makes a new random item id. Ids are random, not sequential, so boards
 * written on different machines can be merged without clashes.
 *
 * Returns: (transfer full): a 32-character lowercase hex string
 */
char *
eb_item_new_id (void)
{
  char *uuid = g_uuid_string_random ();
  char *id = g_malloc (33);
  guint j = 0;

  for (guint i = 0; uuid[i] != '\0' && j < 32; i++)
    if (uuid[i] != '-')
      id[j++] = uuid[i];
  id[j] = '\0';
  g_free (uuid);

  return id;
}

/**
 * eb_item_get_id:
 * @self: an item
 *
 * Returns: the item's stable id
 */
const char *
eb_item_get_id (EbItem *self)
{
  EbItemPrivate *priv = eb_item_get_instance_private (self);

  g_return_val_if_fail (EB_IS_ITEM (self), NULL);

  return priv->id;
}

/**
 * eb_item_get_created:
 * @self: an item
 *
 * Returns: when the item was created, in microseconds since the epoch
 */
gint64
eb_item_get_created (EbItem *self)
{
  EbItemPrivate *priv = eb_item_get_instance_private (self);

  g_return_val_if_fail (EB_IS_ITEM (self), 0);

  return priv->created;
}

/**
 * eb_item_get_modified:
 * @self: an item
 *
 * Returns: when a field of the item last changed, in microseconds since the epoch
 */
gint64
eb_item_get_modified (EbItem *self)
{
  EbItemPrivate *priv = eb_item_get_instance_private (self);

  g_return_val_if_fail (EB_IS_ITEM (self), 0);

  return priv->modified;
}

/**
 * eb_item_set_modified:
 * @self: an item
 * @modified: microseconds since the epoch
 *
 * Sets the modification time. The board does this whenever a field of an
 * item it holds changes.
 */
void
eb_item_set_modified (EbItem *self,
                      gint64  modified)
{
  EbItemPrivate *priv;

  g_return_if_fail (EB_IS_ITEM (self));

  priv = eb_item_get_instance_private (self);

  if (priv->modified == modified)
    return;

  priv->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * eb_item_is_field:
 * @pspec: a property of an item
 *
 * Tells whether a property is part of the item's saved data (readable and
 * writable), as opposed to something derived.
 *
 * Returns: %TRUE for properties that storage, JSON and undo must carry
 */
gboolean
eb_item_is_field (GParamSpec *pspec)
{
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), FALSE);

  return (pspec->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE;
}

/**
 * eb_item_copy:
 * @self: an item
 *
 * Copies every field, the id included. Undo keeps such detached copies
 * as values, never pointers into the board.
 *
 * Returns: (transfer full): a new item of the same type, in no board
 */
EbItem *
eb_item_copy (EbItem *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree const char **names = NULL;
  g_autofree GValue *values = NULL;
  guint n_pspecs = 0;
  guint n = 0;
  EbItem *copy;

  g_return_val_if_fail (EB_IS_ITEM (self), NULL);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  names = g_new0 (const char *, n_pspecs);
  values = g_new0 (GValue, n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      if (!eb_item_is_field (pspecs[i]))
        continue;
      names[n] = pspecs[i]->name;
      g_value_init (&values[n], pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (self), pspecs[i]->name, &values[n]);
      n++;
    }

  copy = EB_ITEM (g_object_new_with_properties (G_OBJECT_TYPE (self), n, names, values));

  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);

  return copy;
}

/**
 * eb_item_equal:
 * @a: an item
 * @b: another item
 *
 * Compares every field of two items, ids and times included. Round-trip
 * tests use it so that no field can be forgotten.
 *
 * Returns: %TRUE if @a and @b are of one type and all fields are equal
 */
gboolean
eb_item_equal (EbItem *a,
               EbItem *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  g_return_val_if_fail (EB_IS_ITEM (a), FALSE);
  g_return_val_if_fail (EB_IS_ITEM (b), FALSE);

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (!eb_item_is_field (pspecs[i]))
        continue;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);

      if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
        return FALSE;
    }

  return TRUE;
}
