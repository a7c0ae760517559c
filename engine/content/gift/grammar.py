"""The grammar of Moodle's GIFT format, for lark (LALR, contextual lexer).

A GIFT file is a list of blocks separated by blank lines: a category
(``$CATEGORY: path``) or a question: ``::title::``, a ``[format]``, the text, one
answer block ``{…}`` that may sit inside the text (a missing word), and text after it.
Whitespace and newlines between tokens are ignored here; the converter puts the text
back together from the tokens' positions (``text.py``), so no space is lost. Lines
starting with ``//`` are comments. A backslash escapes ``~ = # { } :`` and itself,
``\\n`` is a newline; any other backslash is a backslash.

Inside the answer block the grammar gives the structure only (markers, weights,
``->``, feedback, general feedback, numbers); which question type it is, as Moodle
decides it (a ``~`` anywhere: multiple choice; ``=`` and ``->``: matching…), is the
converter's job (``parse.py``).
"""

GRAMMAR = r"""
start: _sep? (unit (_sep unit)*)? _sep?
_sep: _BLANK+  // blank lines, and lines holding only a comment between them

unit: category | question
category: CATEGORY
question: title? FORMAT? qtext? answers qtext?   -> question
        | title? FORMAT? qtext                   -> description
        | title                                  -> description

title: TITLE_MARK ttext? TITLE_MARK
ttext: (TTEXT | ESC | BACKSLASH)+
qtext: (QTEXT | ESC | BACKSLASH)+

answers: LBRACE body RBRACE
?body: essay | truefalse | numeric | choices
essay: general?
truefalse: TFWORD feedback? feedback? general?
numeric: HASH num_first? num_answer* num_wrong? general?
num_first: number feedback?
num_answer: EQ WEIGHT? number feedback?
num_wrong: TILDE atext? feedback?
number: NUMBER                  -> exact
      | NUMBER COLON NUMBER     -> tolerance
      | NUMBER RANGE NUMBER     -> range
choices: bare answer* general?
       | answer+ general?
bare: atext arrow? feedback?
answer: (TILDE | EQ) WEIGHT? atext? arrow? feedback?
arrow: ARROW rtext?
// after the first « -> », and in feedback, « -> » is text
rtext: FORMAT? (ATEXT | ESC | BACKSLASH | ARROW)+
     | FORMAT
feedback: HASH rtext?
general: GENERAL rtext?
atext: FORMAT? (ATEXT | ESC | BACKSLASH)+
     | FORMAT

// Priorities: the lexer tries terminals in order of priority; a higher one wins where
// two could match (a comment over text, a blank line over a newline).
COMMENT.9: /^[ \t]*\/\/[^\n]*/m
_BLANK.8: /\n([ \t]*\n)+/
CATEGORY.7: /\$CATEGORY:[^\n]*/
TITLE_MARK.6: "::"
FORMAT.6: /\[(html|moodle|plain|markdown)\]/
GENERAL.6: "####"
TFWORD.6: /(TRUE|FALSE|T|F)(?=[ \t\n]*[#}])/
WEIGHT.6: /%-?[0-9]+(\.[0-9]*)?%/
ESC.5: /\\[~=#{}:n\\]/
BACKSLASH.4: "\\"
NUMBER.5: /[+-]?([0-9]+(\.[0-9]+)?|\.[0-9]+)([eE][+-]?[0-9]+)?/
RANGE.5: ".."
COLON.5: ":"
ARROW.5: "->"
LBRACE: "{"
RBRACE: "}"
TILDE: "~"
EQ: "="
HASH: "#"
// Texts start and end with a visible character; the spaces inside are kept.
// Only spaces, tabs and newlines are ignorable: a no-break space is text (French
// typography puts one before « ? »).
QTEXT: /[^{}\\ \t\n]([^{}\\\n]*[^{}\\ \t\n])?/
TTEXT: /([^:\\ \t\n]|:(?!:))(([^:\\\n]|:(?!:))*([^:\\ \t\n]|:(?!:)))?/
ATEXT: /([^~=#{}\\ \t\n-]|-(?!>))(([^~=#{}\\\n-]|-(?!>))*([^~=#{}\\ \t\n-]|-(?!>)))?/

%ignore COMMENT
%ignore /[ \t]+/
// A newline followed by an empty line is a blank line (_BLANK), never ignored:
// inside an answer block it is an error, not a space.
%ignore /\n(?![ \t]*\n)/
"""
