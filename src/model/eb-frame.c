/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-frame"

#include "config.h"

#include "eb-enums.h"
#include "eb-frame.h"
#include "eb-limits.h"

/* A labelled, coloured rectangle drawn behind cards to group a part of the
 * story. It holds no list of cards: what lies inside it belongs to it. */
struct _EbFrame
{
  EbItem  parent_instance;
  char   *label;
  char   *color;
  char   *background;
  EbFrameBackgroundStyle background_style;
  double  x;
  double  y;
  double  width;
  double  height;
};

G_DEFINE_FINAL_TYPE (EbFrame, eb_frame, EB_TYPE_ITEM)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_COLOR,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_BACKGROUND,
  PROP_BACKGROUND_STYLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double *
double_field (EbFrame *self,
              guint    prop_id)
{
  switch (prop_id)
    {
    case PROP_X: return &self->x;
    case PROP_Y: return &self->y;
    case PROP_WIDTH: return &self->width;
    case PROP_HEIGHT: return &self->height;
    default: return NULL;
    }
}

static void
eb_frame_finalize (GObject *object)
{
  EbFrame *self = EB_FRAME (object);

  g_free (self->label);
  g_free (self->color);
  g_free (self->background);

  G_OBJECT_CLASS (eb_frame_parent_class)->finalize (object);
}

static void
eb_frame_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EbFrame *self = EB_FRAME (object);

  switch (prop_id)
    {
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_COLOR: g_value_set_string (value, self->color); break;
    case PROP_BACKGROUND: g_value_set_string (value, self->background); break;
    case PROP_BACKGROUND_STYLE: g_value_set_enum (value, self->background_style); break;
    case PROP_X:
    case PROP_Y:
    case PROP_WIDTH:
    case PROP_HEIGHT:
      g_value_set_double (value, *double_field (self, prop_id));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_frame_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  EbFrame *self = EB_FRAME (object);
  const char *s;
  char **field;

  switch (prop_id)
    {
    case PROP_LABEL:
    case PROP_COLOR:
    case PROP_BACKGROUND:
      s = g_value_get_string (value);
      if (s != NULL && s[0] == '\0')
        s = NULL;
      g_return_if_fail (prop_id == PROP_COLOR ? eb_color_is_valid (s) : eb_text_is_valid (s, -1));
      field = prop_id == PROP_LABEL ? &self->label
            : prop_id == PROP_COLOR ? &self->color
            : &self->background;
      if (g_strcmp0 (*field, s) != 0)
        {
          g_free (*field);
          *field = g_strdup (s);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_BACKGROUND_STYLE:
      if (self->background_style != (EbFrameBackgroundStyle) g_value_get_enum (value))
        {
          self->background_style = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_X:
    case PROP_Y:
    case PROP_WIDTH:
    case PROP_HEIGHT:
      if (*double_field (self, prop_id) != g_value_get_double (value))
        {
          *double_field (self, prop_id) = g_value_get_double (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_frame_class_init (EbFrameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eb_frame_finalize;
  object_class->get_property = eb_frame_get_property;
  object_class->set_property = eb_frame_set_property;

  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL, -EB_COORD_MAX, EB_COORD_MAX, 0, flags);
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL, -EB_COORD_MAX, EB_COORD_MAX, 0, flags);
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL, EB_SIZE_MIN, EB_SIZE_MAX, 400, flags);
  properties[PROP_HEIGHT] =
    g_param_spec_double ("height", NULL, NULL, EB_SIZE_MIN, EB_SIZE_MAX, 300, flags);
  /* A background image as JSON Canvas gives it: a path or URL, kept as
   * written so the canvas goes back unchanged. Not drawn yet. */
  properties[PROP_BACKGROUND] = g_param_spec_string ("background", NULL, NULL, NULL, flags);
  properties[PROP_BACKGROUND_STYLE] =
    g_param_spec_enum ("background-style", NULL, NULL, EB_TYPE_FRAME_BACKGROUND_STYLE,
                       EB_FRAME_BACKGROUND_STYLE_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_frame_init (EbFrame *self)
{
  self->width = 400;
  self->height = 300;
}

/**
 * eb_frame_new:
 * @label: (nullable): the frame's title, e.g. "The Jaafari affair"
 * @x: left edge
 * @y: top edge
 * @width: width
 * @height: height
 *
 * Returns: (transfer full): a new frame with a fresh id
 */
EbFrame *
eb_frame_new (const char *label,
              double      x,
              double      y,
              double      width,
              double      height)
{
  return g_object_new (EB_TYPE_FRAME,
                       "label", label,
                       "x", x, "y", y,
                       "width", width, "height", height,
                       NULL);
}

const char *
eb_frame_get_label (EbFrame *self)
{
  g_return_val_if_fail (EB_IS_FRAME (self), NULL);
  return self->label;
}

const char *
eb_frame_get_color (EbFrame *self)
{
  g_return_val_if_fail (EB_IS_FRAME (self), NULL);
  return self->color;
}

double
eb_frame_get_x (EbFrame *self)
{
  g_return_val_if_fail (EB_IS_FRAME (self), 0);
  return self->x;
}

double
eb_frame_get_y (EbFrame *self)
{
  g_return_val_if_fail (EB_IS_FRAME (self), 0);
  return self->y;
}

double
eb_frame_get_width (EbFrame *self)
{
  g_return_val_if_fail (EB_IS_FRAME (self), 0);
  return self->width;
}

double
eb_frame_get_height (EbFrame *self)
{
  g_return_val_if_fail (EB_IS_FRAME (self), 0);
  return self->height;
}

/**
 * eb_frame_get_background:
 * @self: a frame
 *
 * Returns: (nullable): the path or URL of the frame's background image
 */
const char *
eb_frame_get_background (EbFrame *self)
{
  g_return_val_if_fail (EB_IS_FRAME (self), NULL);
  return self->background;
}

EbFrameBackgroundStyle
eb_frame_get_background_style (EbFrame *self)
{
  g_return_val_if_fail (EB_IS_FRAME (self), EB_FRAME_BACKGROUND_STYLE_NONE);
  return self->background_style;
}
