/**
 * Écoute's English lexicon: dissatisfaction signals (discontent, churn intent, disappointment,
 * confusion), suggestions and polarity words, as customers write them on social media.
 */
import type { Lexicon } from './types.js';

const VERB =
  '(?:fly|flying|use|using|buy|buying|order|ordering|book|booking|shop|shopping|stay|staying|travel|travelling|traveling)';
/**
 * What a message complains about before an ironic closing ("Thanks X.", "Great job.",
 * "Brilliant."): an outage, lost data, a wait, a charge, a failure. Read anywhere before it.
 */
const COMPLAINT =
  '(?<![a-z])(?:outages?|(?:is|was|went|been|goes|going|still|internet|wifi|broadband|network|line|box|router|service|signal) down|down again|dropp\\w*|drops|crash\\w*|delet\\w*|wiped?|wipes|erased?|vanish\\w*|disappear\\w*|gone|lost|' +
  "missing|broke\\w*|dead|died|still (?:no|not|nothing|waiting|down|isn't|hasn't|haven't|doesn't|can't)|never agreed|" +
  'no (?:signal|service|internet|wifi|connection|reply|answer|refund|explanation|warning)|on hold|waiting|late|' +
  "delay\\w*|cancell?ed|overcharg\\w*|charged (?:twice|me|us|\\W?\\d)|billed (?:twice|me)|doubled|error|can't|cannot|" +
  "won't|(?:doesn't|does not|isn't|not) work\\w*|logged (?:me )?out|lock\\w* (?:me )?out|no-shows?|cry\\w*|throttl\\w*|" +
  'hung up|empty|price (?:goes|went) up|raised)(?![a-z])';
/** A problem solved: thanks after it are sincere ("Outage fixed, thanks X."). Not when negated. */
const RELIEF =
  "(?<![a-z])(?<!(?:not|never|n't|yet to be|n't been) )(?:fixed|resolved|sorted|restored|recovered|replaced|refunded|corrected|credited|unlocked|" +
  'reappeared|came back|back (?:up|on|online|to normal)|(?:works|working) again|phew|all good)(?![a-z])';
const AFTER_COMPLAINT = `(?<=${COMPLAINT}[^]*)(?<!${RELIEF}[^]*)`;
/** The end of the message: nothing after but punctuation, emoji, spaces, #tags or @handles. */
const END = '(?=(?:[^a-z0-9#@]|[#@]\\w+(?:[.-]\\w+)*)*$)';
const PRAISE =
  '(?:great|brilliant|fantastic|perfect|wonderful|lovely|marvell?ous|amazing|awesome|superb|genius|impressive|' +
  'terrific|nice one|great (?:job|work|stuff)|well done|good job|congrats|bravo|love that(?: for me)?|' +
  'what a (?:lovely |nice |great )?surprise|so thoughtful|top notch|(?:great|perfect|lovely) timing)';
const OPENING =
  '(?:great|brilliant|fantastic|perfect|wonderful|lovely|awesome|marvell?ous|amazing)';
/**
 * Ironic thanks and praise after a complaint: "Still nothing at 6pm. Thanks X.", "The app crashed
 * again. Great job.", "Oh brilliant, it logged me out mid-payment". A sincere "Outage fixed,
 * thanks X!" does not fire: a solved problem before the thanks, or an exclamation mark after them,
 * stands.
 */
const IRONY = [
  // The forms of the thanks, one alternative under their leading word ("thanks").
  '(?:thanks|thank you|cheers|thx)(?:' +
    [
      ' for nothing',
      `(?: (?:a lot|so much|again|very much))?(?:,? (?!for |to )@?[a-z][\\w.'-]*){0,3}(?:,? (?:really|guys|mate))?(?=[^a-z0-9!]*$)${AFTER_COMPLAINT}`,
      ` for (?:the|that|this) (?:lovely |great |nice )?(?:surprise|gift|experience|afternoon|morning|evening|weekend)${AFTER_COMPLAINT}`,
    ].join('|') +
    ')',
  // The praise word first, then where it stands: a sentence of its own ("… Great job."), or the
  // opening of a complaint ("Oh brilliant, it logged me out mid-payment"). A pattern that opens on
  // a lookbehind would be tried at every offset of every mention.
  `${PRAISE}(?:(?<=(?:^|[.!?…:]|(?<![a-z])(?:oh|ah|wow|just|yeah),?)\\s*${PRAISE})(?:[ ,]+[\\w@.'-]+){0,4}${END}${AFTER_COMPLAINT}` +
    `|(?<=^(?:@[\\w.-]+ )*(?:(?:oh|ah|wow|yeah)[ ,]+)?${OPENING})(?= ?[,!:])(?=[^]*${COMPLAINT})(?![^]*${RELIEF}))`,
  'love (?:paying|waiting|being (?:charged|billed|put on hold|hung up on|told)|getting (?:charged|billed|cut off|logged out))',
  'nothing says (?:[\\w-]+ ){1,3}like',
  `just what (?:i|we) needed(?:(?<=${COMPLAINT}[^]*)|(?=[^]*${COMPLAINT}))`,
];
/** Leaving told in the past, glad of it: "glad I left", "good decision leaving X". */
const LEFT_GLADLY = [
  '(?:glad|happy|relieved|thrilled|grateful|thankful|pleased) (?:i|we) (?:left|quit|cancell?ed|ditched|dumped|got out|escaped|jumped ship|switched away)(?! (?:early|home|the house|the office|work|it|on time|a review|a comment|a tip))',
  "(?:glad|happy|relieved) (?:i'm|i am|we're|we are) (?:not with|no longer with|done with|out of|rid of)",
  '(?:glad|happy) to (?:be rid of|have left|be done with|be out of|be free of)',
  '(?:best|good|great|smartest|wise|wisest|right) (?:decision|move|call|choice|thing)(?: (?:i|we)(?: ever)? (?:made|did|took))?(?: this year| ever)?(?: was)?(?: to)? (?:leav\\w*|left|quit\\w*|ditch\\w*|cancel\\w*|dump\\w*|getting out)',
  '(?:no|zero|not a single|not one) regrets? (?:about )?(?:leaving|quitting|cancell?ing|ditching|dumping)',
  'good thing (?:i|we) (?:left|quit|cancell?ed)',
  'dodged a bullet',
];
export const LEXICON_EN: Lexicon = {
  positiveWords: (
    'good great awesome amazing excellent love loved loves lovely best thanks thank thx perfect ' +
    'fantastic wonderful nice happy glad helpful friendly appreciate appreciated kudos impressed ' +
    'smooth quick fast easy comfortable enjoy enjoyed beautiful brilliant superb outstanding ' +
    'pleasant recommend fun cool sweet yay congrats congratulations welcome worth safe ' +
    'gorgeous incredible reliable professional courteous polite attentive exceptional favorite ' +
    'favourite pleased delighted grateful thankful resolved fixed'
  ).split(' '),
  negativeWords: (
    'bad worst terrible horrible awful poor hate hated sucks suck sucked slow delay delayed late ' +
    'cancelled canceled lost rude useless broken fail failed failure problem problems issue issues ' +
    'wrong worse annoying angry disappointed disappointing frustrating frustrated ridiculous ' +
    'unacceptable stuck missed damaged dirty overpriced crash crashed error complaint unhappy ' +
    'upset mad pathetic disgusting disgrace shameful incompetent unprofessional nightmare ' +
    'scam ripoff waste refund mess sad ugh smh wtf ugly noisy smelly cramped expensive confused ' +
    'cancellation delays hours waiting hold outage outages deleted wiped erased vanished'
  ).split(' '),
  patterns: [
    {
      target: 'discontent',
      weight: 0.9,
      phrases: [
        'unacceptable',
        'ridiculous',
        'disgrace\\w*',
        'shameful',
        'pathetic',
        'outrage\\w*',
        'rip[ -]?off',
        'scam\\w*',
        'fraud\\w*',
        'furious',
        'pissed(?: off)?',
        'fed up',
        'sick (?:and tired )?of',
        'worst (?:\\w+ )?(?:airline|company|service|experience|customer service|bank|provider)',
        'incompetent',
        'unprofessional',
        'absolute joke',
        'what a joke',
        'disgust\\w*',
        'appall\\w*',
        '(?:no ?one|nobody) (?:answers|responds|replies|helps|cares|picks up|called back)',
        'file a complaint',
        'filing a complaint',
        'want (?:a|my) refund',
      ],
    },
    {
      target: 'discontent',
      weight: 0.6,
      phrases: [
        'terrible',
        'horrible',
        'awful',
        'worst',
        'frustrat\\w*',
        'annoy\\w*',
        'irritat\\w*',
        'useless',
        'rude',
        'complain\\w*',
        "still (?:no|not|waiting|haven't|nothing|on hold)",
        'on hold for',
        '(?:been|still|keep) waiting',
        'hours? (?:on hold|late|delay\\w*|wait\\w*)',
        'delayed',
        'cancell?ed',
        'lost (?:my |our )?(?:bag|bags|luggage|suitcase)',
        "(?:doesn't|does not|don't|isn't|is not|not) work\\w*",
        'broken',
        'crash(?:es|ing|ed)?',
        'wtf',
        '#fail',
        'fail\\w*',
        'sucks?',
        'hate',
        'angry',
        'mad',
        'upset',
        'unhappy',
        'poor service',
        'bad service',
        'no (?:response|reply|answer|help)',
        'never (?:received|arrived|got|answered|responded|called)',
        'overcharg\\w*',
        'charged twice',
        // Lost data and dead lines: "the update wiped my playlists", "internet down since Monday".
        "(?:deleted|wiped|erased|emptied|removed|lost)(?<!(?<![a-z])(?:i|we) \\w+) (?:all (?:of )?|every (?:single )?)?(?:my|our|people's|the|their|customers'?) (?:[\\w']+ ){0,2}(?:contacts|photos|pictures|playlists|data|files|documents|recordings|messages|notes|library|tracks|episodes|downloads|bookmarks|calendar|voicemails|music|history|points)",
        "(?:my|our|all my|all our) (?:[\\w'-]+ ){1,3}(?:got|were|was|have been|has been|are|is) (?:all )?(?:deleted|wiped|erased|gone)",
        '(?:internet|wifi|wi-fi|broadband|network|service|signal|app|site|website|fibre|fiber|router|line|box)s? (?:is |was |went |has been |been |still |keeps going |goes |going )?(?:down|dead)(?! (?:to|the|by|from|for|with))',
        'no (?:signal|internet|wifi|service|broadband|connection) (?:since|for|at all|again|all day)',
      ],
    },
    {
      target: 'churn_intent',
      weight: 0.95,
      phrases: [
        'cancel(?:l?ing)? my (?:subscription|account|membership|card|plan|contract|service|order|policy)',
        "(?:i'm|i am|im) (?:cancell?ing|leaving|switching|done with|out|moving)",
        'switch(?:ing|ed)? (?:to|over to|providers|carriers|airlines|banks)',
        'moving (?:over )?to (?:another|a different)',
        'never again',
        `never (?:${VERB}) (?:with )?(?:you|you guys|them|again|this|here)`,
        `(?:last|final) time (?:i|we) (?:${VERB}|fly|use|buy|order|book)`,
        "(?:won't|will not|wont) be (?:back|using|flying|buying|returning|renewing|ordering|booking|coming back)",
        'not (?:renewing|coming back)',
        'done with (?:you|this|your)',
        'take my business elsewhere',
        'taking my (?:business|money) (?:elsewhere|to)',
        '(?:close|delete|closing|deleting) my account',
        'unsubscrib\\w*',
        'lost (?:a|another) (?:loyal )?customer',
        "you(?:'ve| have)? lost (?:me|my business)",
        '(?:find|finding|look for|looking for) (?:a|another) (?:new )?(?:provider|airline|bank|carrier|company|operator)',
        '(?:stay away|avoid) (?:from )?(?:this|them|at all costs)',
        "(?:do not|don't) (?:fly|use|buy|book|order) (?:with )?(?:them|this|you)",
        'goodbye',
        'bye bye',
        'going (?:back )?to (?:use )?(?:a competitor|another)',
        'will (?:never|not) (?:recommend|return)',
        ...LEFT_GLADLY,
        '(?:best|good|smartest) (?:decision|move)(?: (?:i|we)(?: ever)? made)?(?: was)?(?: to)? switch\\w*',
        'switch\\w* away from',
        '(?:ex|former)[- ](?:[\\w-]+ )?customer',
        // Business customers: contracts, renewals, tenders and second providers.
        "(?:we're|we are|were|i'm|i am) cancell?ing (?:our|the|my) (?:\\w+ )?(?:contract|subscription|account|service|plan|licen[cs]es?|agreement|line)",
        'cancel(?:l?ing)? (?:our|the) (?:\\w+ )?(?:contract|subscription|account|membership|plan|licen[cs]es?|agreement)',
        "(?:not|won't|will not|wont|don't|do not) (?:be )?renew(?:ing)? (?:our|the|my|this) (?:\\w+ )?(?:contract|subscription|licen[cs]es?|agreement|plan|membership)",
        '(?:evaluating|assessing|considering|looking at|talking to|trialling|trialing|testing|piloting|onboarding|comparing) (?:a |an )?(?:second|another|alternative|new|other|backup|competing) (?:\\w+ )?(?:providers?|suppliers?|vendors?|solutions?|partners?|carriers?|platforms?|operators?)',
        '(?:issue|issuing|launch|launching|open|opening|run|running|put out|putting out) (?:a |an |the )?(?:tender|rfp|request for proposals?)',
        'terminat\\w* (?:our|the|my) (?:\\w+ )?(?:contract|agreement|subscription|account)',
        'notice of (?:termination|non-renewal|cancellation)',
        'non-renewal',
      ],
    },
    {
      target: 'disappointment',
      weight: 0.85,
      phrases: [
        'disappoint\\w*',
        'let (?:me|us) down',
        'letdown',
        'let down',
        'expected (?:more|better)',
        'not what (?:i|we) expected',
        'underwhelm\\w*',
        'not worth (?:it|the)',
        'waste of (?:money|time)',
        'used to be (?:good|great|better|reliable)',
        'gone downhill',
        'could have been better',
        'such a shame',
      ],
    },
    {
      target: 'disappointment',
      weight: 0.55,
      phrases: [
        'sad(?:ly)?',
        'shame',
        'too bad',
        'meh',
        'unfortunately',
        'regret\\w*',
        'bummer',
        'was hoping',
        'hoped for',
        'not impressed',
        'mediocre',
        'so much for',
      ],
    },
    {
      target: 'confusion',
      weight: 0.85,
      phrases: [
        "(?:i |i still )?(?:don't|do not|dont) (?:understand|get (?:it|why|how))",
        "can't figure out",
        'cannot figure out',
        'confus\\w*',
        'makes no sense',
        "(?:doesn't|does not) make (?:any )?sense",
        'what does (?:this|that|it) mean',
        '(?:can|could) (?:someone|anyone|you) (?:explain|tell me why)',
        'any idea (?:why|how|what)',
        'unclear',
        'not sure (?:how|why|what|where|if)',
        'no idea (?:how|why|what|where)',
      ],
    },
    {
      target: 'confusion',
      weight: 0.6,
      phrases: [
        'how (?:do|can|should|would|does) (?:i|we|you|one|it)',
        'how to',
        'is there a way to',
        "why (?:is|does|did|was|are|do|can't|won't|isn't|hasn't|am|would|has|were) (?:my|the|i|it|this|there|your|you|we|our)",
        'where (?:is|are|can i|do i|did)',
        'what happened to',
        'what is going on',
        "what's going on",
        '\\?\\?+',
      ],
    },
    {
      target: 'idea',
      weight: 0.9,
      phrases: [
        "(?:it|that)(?: would|'d) be (?:\\w+ )?(?:great|nice|good|awesome|cool|helpful|better|useful|ideal|amazing) (?:if|to)",
        'would be (?:\\w+ )?(?:great|nice|good|awesome|cool|helpful|better|useful) (?:if|to)',
        "(?:would|'d) love (?:to see|it if|a|an|the|for|more)",
        'please (?:add|make|bring|consider|allow|let|include|implement|provide|support|give|offer|enable|create)',
        '(?:you|you guys|they) (?:should|need to|ought to) (?:add|make|offer|provide|have|consider|bring|allow|let|start|get|open|extend|fix|hire|improve|introduce|launch|change|lower|reduce|stop|keep|put|give|hold|run|publish|show|send)',
        "why (?:not|don't you|doesn't it|can't i|can't we)",
        'how about',
        'what about (?:adding|a|an)',
        'consider (?:adding|making|offering|allowing)',
        "(?:i|i'd|i would) suggest",
        'suggestion',
        'i propose',
        'feature request',
        'should (?:add|have|include|allow|support|offer|provide|be able)',
        'i wish',
        // The conditional offer: "I'd switch my whole family over if they supported eSIM".
        "(?:i|we)(?:'d| would) (?:\\w+ ){0,5}if (?:you|they|it) (?:supported|offered|added|had|allowed|made)",
        'wish (?:you|there was|there were|it had|i could|they)',
        'there should be',
        'ought to',
        '(?:could|can|would) you (?:please )?(?:add|make|bring|allow|consider|implement|support|enable)',
        'make it possible',
        'allow (?:us|users|me|people) to',
        'let (?:us|users|me) (?:\\w+)',
        'it would help',
        'be (?:sure|certain) to',
        'make sure (?:to|you)',
        "(?:don't|do not) forget to",
        'i recommend',
        'recommend (?:that|to|you|getting|asking|staying|booking)',
        'ask for',
        "(?:don't|do not) miss",
        'would be nice',
        "it'd be nice",
        'needs? (?:a|an|more|better) (?:option|feature|way|button|setting|support)',
        'bring back',
        'add (?:a|an|the|more|support) \\w+',
      ],
    },
    {
      // Irony after a complaint and a departure one is glad of: the praise words in them ("thanks",
      // "glad", "great") say the opposite of what they say elsewhere.
      target: 'negative',
      weight: 0.9,
      phrases: [...IRONY, ...LEFT_GLADLY],
    },
    {
      // Relief and a problem solved: "phew", "issue resolved", "back up and running".
      target: 'positive',
      weight: 0.9,
      phrases: [
        'phew',
        'what a relief',
        'relieved',
        '(?:problem|issue|outage|fault|bug)s? (?:is |was |has been |got |now )?(?:sorted|resolved|fixed)',
        '(?:all|everything) (?:is |was )?(?:sorted|fixed|back to normal|working again)',
        'back (?:up and running|online|to normal)',
        'works? again',
        'working again',
        '(?:service|signal|connection|internet|wifi|power)s? (?:is |was |has been )?(?:restored|back)',
      ],
    },
    {
      target: 'positive',
      weight: 0.7,
      phrases: [
        'thank you',
        'thanks (?:so much|a lot|for)',
        'well done',
        'great job',
        'love (?:it|you|this)',
        'highly recommend',
        'keep it up',
        'shout ?out',
        'you rock',
        'not bad',
        'no complaints',
        "can't complain",
        'nothing to complain about',
        '(?:sorted|fixed) (?:out )?(?:my|the|our|it|everything)',
      ],
    },
  ],
};
