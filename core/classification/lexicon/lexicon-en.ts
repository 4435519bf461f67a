/**
 * Écoute's English lexicon: dissatisfaction signals (discontent, churn intent, disappointment,
 * confusion), suggestions and polarity words, as customers write them on social media.
 */
import type { Lexicon } from './types.js';

const VERB = '(?:fly|flying|use|using|buy|buying|order|ordering|book|booking|shop|shopping|stay|staying|travel|travelling|traveling)';
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
    'cancellation delays hours waiting hold'
  ).split(' '),
  patterns: [
    {
      target: 'discontent',
      weight: 0.9,
      phrases: [
        'unacceptable', 'ridiculous', 'disgrace\\w*', 'shameful', 'pathetic', 'outrage\\w*',
        'rip[ -]?off', 'scam\\w*', 'fraud\\w*', 'furious', 'pissed(?: off)?', 'fed up', 'sick (?:and tired )?of',
        'worst (?:\\w+ )?(?:airline|company|service|experience|customer service|bank|provider)',
        'incompetent', 'unprofessional', 'absolute joke', 'what a joke', 'disgust\\w*', 'appall\\w*',
        '(?:no ?one|nobody) (?:answers|responds|replies|helps|cares|picks up|called back)',
        'file a complaint', 'filing a complaint', 'want (?:a|my) refund',
      ],
    },
    {
      target: 'discontent',
      weight: 0.6,
      phrases: [
        'terrible', 'horrible', 'awful', 'worst', 'frustrat\\w*', 'annoy\\w*', 'irritat\\w*', 'useless',
        'rude', 'complain\\w*', 'still (?:no|not|waiting|haven\'t|nothing|on hold)', 'on hold for',
        '(?:been|still|keep) waiting', 'hours? (?:on hold|late|delay\\w*|wait\\w*)', 'delayed', 'cancell?ed',
        'lost (?:my |our )?(?:bag|bags|luggage|suitcase)', "(?:doesn't|does not|don't|isn't|is not|not) work\\w*",
        'broken', 'crash(?:es|ing|ed)?', 'wtf', '#fail', 'fail\\w*', 'sucks?', 'hate', 'angry', 'mad',
        'upset', 'unhappy', 'poor service', 'bad service', 'no (?:response|reply|answer|help)',
        'never (?:received|arrived|got|answered|responded|called)', 'overcharg\\w*', 'charged twice',
      ],
    },
    {
      target: 'churn_intent',
      weight: 0.95,
      phrases: [
        'cancel(?:l?ing)? my (?:subscription|account|membership|card|plan|contract|service|order|policy)',
        "(?:i'm|i am|im) (?:cancell?ing|leaving|switching|done with|out|moving)",
        'switch(?:ing|ed)? (?:to|over to|providers|carriers|airlines|banks)', 'moving (?:over )?to (?:another|a different)',
        'never again', `never (?:${VERB}) (?:with )?(?:you|you guys|them|again|this|here)`,
        `(?:last|final) time (?:i|we) (?:${VERB}|fly|use|buy|order|book)`,
        "(?:won't|will not|wont) be (?:back|using|flying|buying|returning|renewing|ordering|booking|coming back)",
        'not (?:renewing|coming back)', 'done with (?:you|this|your)', 'take my business elsewhere',
        'taking my (?:business|money) (?:elsewhere|to)', '(?:close|delete|closing|deleting) my account', 'unsubscrib\\w*',
        'lost (?:a|another) (?:loyal )?customer', 'you(?:\'ve| have)? lost (?:me|my business)',
        '(?:find|finding|look for|looking for) (?:a|another) (?:new )?(?:provider|airline|bank|carrier|company|operator)',
        '(?:stay away|avoid) (?:from )?(?:this|them|at all costs)', "(?:do not|don't) (?:fly|use|buy|book|order) (?:with )?(?:them|this|you)",
        'goodbye', 'bye bye', 'going (?:back )?to (?:use )?(?:a competitor|another)', 'will (?:never|not) (?:recommend|return)',
      ],
    },
    {
      target: 'disappointment',
      weight: 0.85,
      phrases: [
        'disappoint\\w*', 'let (?:me|us) down', 'letdown', 'let down', 'expected (?:more|better)',
        'not what (?:i|we) expected', 'underwhelm\\w*', 'not worth (?:it|the)', 'waste of (?:money|time)',
        'used to be (?:good|great|better|reliable)', 'gone downhill', 'could have been better', 'such a shame',
      ],
    },
    {
      target: 'disappointment',
      weight: 0.55,
      phrases: [
        'sad(?:ly)?', 'shame', 'too bad', 'meh', 'unfortunately', 'regret\\w*', 'bummer', 'was hoping',
        'hoped for', 'not impressed', 'mediocre', 'so much for',
      ],
    },
    {
      target: 'confusion',
      weight: 0.85,
      phrases: [
        "(?:i |i still )?(?:don't|do not|dont) (?:understand|get (?:it|why|how))", "can't figure out", 'cannot figure out',
        'confus\\w*', 'makes no sense', "(?:doesn't|does not) make (?:any )?sense", 'what does (?:this|that|it) mean',
        '(?:can|could) (?:someone|anyone|you) (?:explain|tell me why)', 'any idea (?:why|how|what)', 'unclear',
        'not sure (?:how|why|what|where|if)', 'no idea (?:how|why|what|where)',
      ],
    },
    {
      target: 'confusion',
      weight: 0.6,
      phrases: [
        'how (?:do|can|should|would|does) (?:i|we|you|one|it)', 'how to', 'is there a way to',
        "why (?:is|does|did|was|are|do|can't|won't|isn't|hasn't|am|would|has|were) (?:my|the|i|it|this|there|your|you|we|our)",
        'where (?:is|are|can i|do i|did)', 'what happened to', 'what is going on', "what's going on", '\\?\\?+',
      ],
    },
    {
      target: 'idea',
      weight: 0.9,
      phrases: [
        "(?:it|that)(?: would|'d) be (?:\\w+ )?(?:great|nice|good|awesome|cool|helpful|better|useful|ideal|amazing) (?:if|to)",
        "would be (?:\\w+ )?(?:great|nice|good|awesome|cool|helpful|better|useful) (?:if|to)", "(?:would|'d) love (?:to see|it if|a|an|the|for|more)",
        'please (?:add|make|bring|consider|allow|let|include|implement|provide|support|give|offer|enable|create)',
        '(?:you|you guys|they) (?:should|need to|ought to) (?:add|make|offer|provide|have|consider|bring|allow|let|start|get)',
        "why (?:not|don't you|doesn't it|can't i|can't we)", 'how about', 'what about (?:adding|a|an)',
        'consider (?:adding|making|offering|allowing)', "(?:i|i'd|i would) suggest", 'suggestion', 'i propose',
        'feature request', 'should (?:add|have|include|allow|support|offer|provide|be able)', 'i wish',
        'wish (?:you|there was|there were|it had|i could|they)', 'there should be', 'ought to',
        '(?:could|can|would) you (?:please )?(?:add|make|bring|allow|consider|implement|support|enable)',
        'make it possible', 'allow (?:us|users|me|people) to', 'let (?:us|users|me) (?:\\w+)', 'it would help',
        'be (?:sure|certain) to', 'make sure (?:to|you)', "(?:don't|do not) forget to", 'i recommend',
        'recommend (?:that|to|you|getting|asking|staying|booking)', 'ask for', "(?:don't|do not) miss",
        'would be nice', "it'd be nice", 'needs? (?:a|an|more|better) (?:option|feature|way|button|setting|support)',
        'bring back', 'add (?:a|an|the|more|support) \\w+',
      ],
    },
    {
      target: 'positive',
      weight: 0.7,
      phrases: [
        'thank you', 'thanks (?:so much|a lot|for)', 'well done', 'great job', 'love (?:it|you|this)',
        'highly recommend', 'keep it up', 'shout ?out', 'you rock', 'not bad',
      ],
    },
  ],
};
