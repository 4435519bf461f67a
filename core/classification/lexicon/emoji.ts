/** Emoji and emoticons that carry a polarity in customer messages (both languages). */
export const POSITIVE_EMOJI = new Set([
  '😀', '😃', '😄', '😁', '😊', '🙂', '😍', '🥰', '😘', '❤', '❤️', '💕', '💖', '👍', '👏', '🙏',
  '🎉', '🥳', '✨', '💯', '🔥', '😎', '🤩', '☺', '💪', '🙌', ':)', ':-)', ':d', ':-d', ';)', '<3', '=)',
]);
export const NEGATIVE_EMOJI = new Set([
  '😡', '😠', '🤬', '😤', '👎', '😞', '😢', '😭', '💔', '🙄', '😒', '😩', '😫', '🤮', '🤢', '😖',
  '😣', '😕', '😔', '😟', '🤦', '🤦‍♂️', '🤦‍♀️', ':(', ':-(', ":'(", ':/', ':-/', '=(',
]);
/** Emoji of puzzlement: they support the confusion signal. */
export const CONFUSED_EMOJI = new Set(['🤔', '❓', '❔', '😕', '🤷', '🤷‍♂️', '🤷‍♀️', '😵']);
