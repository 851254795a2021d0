/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-item.h"

G_BEGIN_DECLS

/**
 * EbCardKind:
 * @EB_CARD_KIND_PERSON: a person: title is the name
 * @EB_CARD_KIND_EVENT: a dated event: title, date, end date, place
 * @EB_CARD_KIND_SOURCE: a report or article: title, publisher, URL, date, grade
 * @EB_CARD_KIND_NOTE: free text, kept in notes
 */
typedef enum {
  EB_CARD_KIND_PERSON,
  EB_CARD_KIND_EVENT,
  EB_CARD_KIND_SOURCE,
  EB_CARD_KIND_NOTE,
} EbCardKind;

/**
 * EbGrade:
 *
 * Reliability of a source on the NATO / Admiralty scale: A completely
 * reliable, B usually reliable, C fairly reliable, D not usually
 * reliable, E unreliable, F cannot be judged.
 */
typedef enum {
  EB_GRADE_NONE,
  EB_GRADE_A,
  EB_GRADE_B,
  EB_GRADE_C,
  EB_GRADE_D,
  EB_GRADE_E,
  EB_GRADE_F,
} EbGrade;

#define EB_TYPE_CARD (eb_card_get_type ())
G_DECLARE_FINAL_TYPE (EbCard, eb_card, EB, CARD, EbItem)

EbCard      *eb_card_new            (EbCardKind  kind);
EbCardKind   eb_card_get_kind       (EbCard     *self);
double       eb_card_get_x          (EbCard     *self);
double       eb_card_get_y          (EbCard     *self);
double       eb_card_get_width      (EbCard     *self);
double       eb_card_get_height     (EbCard     *self);
void         eb_card_set_position   (EbCard     *self,
                                     double      x,
                                     double      y);
const char  *eb_card_get_color      (EbCard     *self);
const char  *eb_card_get_title      (EbCard     *self);
const char  *eb_card_get_aliases    (EbCard     *self);
const char  *eb_card_get_role       (EbCard     *self);
const char  *eb_card_get_notes      (EbCard     *self);
const char  *eb_card_get_date       (EbCard     *self);
const char  *eb_card_get_end_date   (EbCard     *self);
const char  *eb_card_get_place      (EbCard     *self);
const char  *eb_card_get_publisher  (EbCard     *self);
const char  *eb_card_get_url        (EbCard     *self);
EbGrade      eb_card_get_grade      (EbCard     *self);
char        *eb_card_dup_display_title (EbCard  *self);

const char  *eb_grade_to_string     (EbGrade     grade);
const char  *eb_grade_describe      (EbGrade     grade);
const char  *eb_card_kind_to_string (EbCardKind  kind);
const char  *eb_card_kind_describe  (EbCardKind  kind);

G_END_DECLS
