from django import template

from diary.wording import in_words

register = template.Library()


@register.simple_tag
def entry_in_words(entry):
    """{% entry_in_words entry as words %}: a sentence, or labelled parts (diary.wording)."""
    return in_words(entry)
