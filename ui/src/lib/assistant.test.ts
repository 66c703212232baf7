import { describe, expect, it } from 'vitest';
import type { ConfusionCell, EvaluatedMessage, ImportedLabel, IntentDef, SweepPoint } from './bindings';
import {
  partialAnswerNote,
  REASON_LABELS,
  barWidth,
  buildAskRequest,
  canAsk,
  choiceFromValue,
  confusionMatrix,
  confusionSummary,
  examplesText,
  formatScore,
  intentDrafts,
  intentErrors,
  intentLabeller,
  intentsChanged,
  intentsFromDrafts,
  isModelProblem,
  labelValue,
  nearestSweepPoint,
  parseExamples,
  phraseCount,
  undecidedLabels,
  undecidedText,
  reasonLabel,
  reasonRows,
  sentence,
  settingsDraft,
  settingsFromDraft,
  isLoopbackUrl,
  sweepRange,
  sweepSentence,
  wrongAnswers,
} from './assistant';

const sweep: SweepPoint[] = Array.from({ length: 20 }, (_, i) => ({
  threshold: i * 0.05,
  containment: 1 - i * 0.04,
  wrong_answer_rate: Math.max(0, 0.1 - i * 0.005),
}));

function message(over: Partial<EvaluatedMessage> = {}): EvaluatedMessage {
  return {
    conversation_id: 'c1',
    message: 'Where is my parcel?',
    label: 'order_status',
    expected: 'order_status',
    predicted: 'order_status',
    confidence: 0.9,
    margin: 0.5,
    escalation: null,
    rule_escalation: null,
    cited: true,
    ...over,
  };
}

describe('hand-over reasons', () => {
  it('has plain words for every reason', () => {
    expect(reasonLabel('low_confidence')).toBe('Not sure of the intent');
    expect(reasonLabel('asked_for_human')).toBe('Asked for a person');
    expect(reasonLabel('refund_amount')).toBe('Refund amount');
    expect(reasonLabel('shipped_cancellation')).toBe('Cancelling a shipped order');
    expect(reasonLabel('legal')).toBe('Legal words');
    expect(reasonLabel('safety')).toBe('Health or safety');
    expect(reasonLabel('sensitive_intent')).toBe('Always handed over');
    expect(reasonLabel('ambiguous')).toBe('Two intents too close');
    expect(reasonLabel('no_source')).toBe('No source answers it');
    expect(Object.keys(REASON_LABELS)).toHaveLength(9);
  });

  it('shows an unknown code as it is', () => {
    expect(reasonLabel('something_new')).toBe('something_new');
  });

  it('sorts reasons by count with their share of all conversations', () => {
    const rows = reasonRows(
      [
        { reason: 'legal', count: 2 },
        { reason: 'low_confidence', count: 10 },
        { reason: 'safety', count: 0 },
      ],
      40,
    );
    expect(rows.map((r) => r.reason)).toEqual(['low_confidence', 'legal']);
    expect(rows[0].share).toBe(0.25);
    expect(rows[0].label).toBe('Not sure of the intent');
    expect(reasonRows([{ reason: 'legal', count: 1 }], 0)[0].share).toBe(0);
  });

  it('recognises the codes of a missing or unusable model', () => {
    expect(isModelProblem('models_missing')).toBe(true);
    expect(isModelProblem('embedding_runtime')).toBe(true);
    expect(isModelProblem('empty_message')).toBe(false);
  });
});

describe('numbers and text', () => {
  it('formats scores and bars', () => {
    expect(formatScore(0.3)).toBe('0.30');
    expect(barWidth(0.4567)).toBe('45.7%');
    expect(barWidth(1.5)).toBe('100%');
    expect(barWidth(-1)).toBe('0%');
  });

  it('turns an explanation into a sentence', () => {
    expect(sentence('the customer asked for a person')).toBe('The customer asked for a person.');
    expect(sentence('Already one.')).toBe('Already one.');
    expect(sentence('  ')).toBe('');
  });
});

describe('asking a question', () => {
  it('needs something typed and no question under way', () => {
    expect(canAsk('  ', false)).toBe(false);
    expect(canAsk('Where is my order?', false)).toBe(true);
    expect(canAsk('Where is my order?', true)).toBe(false);
  });

  it('sends the e-mail only when the store asks for it', () => {
    expect(buildAskRequest('  Where is #1042? ', 'a@b.c', false)).toEqual({ message: 'Where is #1042?', email: null });
    expect(buildAskRequest('Where is #1042?', ' a@b.c ', true)).toEqual({ message: 'Where is #1042?', email: 'a@b.c' });
    expect(buildAskRequest('Where is #1042?', '  ', true).email).toBeNull();
  });
});

describe('threshold sweep', () => {
  it('finds the point closest to the threshold', () => {
    expect(nearestSweepPoint(sweep, 0.3)?.threshold).toBeCloseTo(0.3);
    expect(nearestSweepPoint(sweep, 0.32)?.threshold).toBeCloseTo(0.3);
    expect(nearestSweepPoint(sweep, 0.34)?.threshold).toBeCloseTo(0.35);
    expect(nearestSweepPoint(sweep, 1)?.threshold).toBeCloseTo(0.95);
    expect(nearestSweepPoint([], 0.3)).toBeNull();
  });

  it('says what a threshold gives', () => {
    const points: SweepPoint[] = [
      { threshold: 0.25, containment: 0.8, wrong_answer_rate: 0.03 },
      { threshold: 0.3, containment: 0.72, wrong_answer_rate: 0.012 },
    ];
    expect(sweepSentence(points, 0.3, 'en-US')).toBe('At threshold 0.30: 72% answered, 1.2% wrong');
    expect(sweepSentence([], 0.3)).toBeNull();
  });

  it('knows the range of the sweep', () => {
    expect(sweepRange(sweep)).toEqual({ min: 0, max: 0.95, step: 0.05 });
    expect(sweepRange([])).toEqual({ min: 0, max: 1, step: 0.05 });
  });
});

describe('confusion', () => {
  const cells: ConfusionCell[] = [
    { expected: 'order_status', predicted: 'order_status', count: 8 },
    { expected: 'order_status', predicted: 'shipping', count: 2 },
    { expected: 'returns', predicted: 'returns', count: 3 },
    { expected: 'returns', predicted: 'refund', count: 1 },
    { expected: 'returns', predicted: 'exchange', count: 1 },
    { expected: 'sizing', predicted: 'sizing', count: 4 },
  ];

  it('summarises each expected intent', () => {
    const rows = confusionSummary(cells);
    expect(rows.map((r) => r.expected)).toEqual(['order_status', 'returns', 'sizing']);
    expect(rows[0]).toEqual({
      expected: 'order_status',
      count: 10,
      correct: 8,
      accuracy: 0.8,
      topWrong: { predicted: 'shipping', count: 2 },
    });
    // A tie between wrong predictions is broken by name, so it does not flicker.
    expect(rows[1].topWrong).toEqual({ predicted: 'exchange', count: 1 });
    expect(rows[1].accuracy).toBeCloseTo(0.6);
    expect(rows[2].topWrong).toBeNull();
  });

  it('builds the full matrix with predicted-only intents as extra columns', () => {
    const m = confusionMatrix(cells);
    expect(m.rows).toEqual(['order_status', 'returns', 'sizing']);
    expect(m.columns).toEqual(['order_status', 'returns', 'sizing', 'exchange', 'refund', 'shipping']);
    expect(m.counts[0]).toEqual([8, 0, 0, 0, 0, 2]);
    expect(m.counts[1]).toEqual([0, 3, 0, 1, 1, 0]);
    expect(m.counts[2]).toEqual([0, 0, 4, 0, 0, 0]);
  });

  it('lists wrong answers, most confident first, apart from those handed over', () => {
    const results = [
      message(),
      message({ conversation_id: 'c2', predicted: 'shipping', confidence: 0.5 }),
      message({ conversation_id: 'c3', predicted: 'returns', confidence: 0.8 }),
      message({ conversation_id: 'c4', predicted: 'returns', escalation: 'low_confidence' }),
      message({ conversation_id: 'c5', expected: null, predicted: 'returns' }),
    ];
    const w = wrongAnswers(results);
    expect(w.rows.map((m) => m.conversation_id)).toEqual(['c3', 'c2']);
    expect(w.total).toBe(2);
    expect(w.handedOver).toBe(1);
    expect(wrongAnswers(results, 1).rows).toHaveLength(1);
    expect(wrongAnswers(results, 1).total).toBe(2);
  });

  it('labels intents, falling back to the id', () => {
    const label = intentLabeller([{ id: 'returns', label: 'Returns and exchanges' }]);
    expect(label('returns')).toBe('Returns and exchanges');
    expect(label('other')).toBe('other');
  });
});

describe('settings form', () => {
  const gen = { generator_url: null, generator_model: 'llama3.2' };
  const draftGen = { generator_url: '', generator_model: 'llama3.2' };

  it('round-trips the settings', () => {
    const draft = settingsDraft({ confidence_threshold: 0.3, margin_threshold: 0.1, require_email: true, ...gen });
    expect(draft).toEqual({ confidence_threshold: '0.3', margin_threshold: '0.1', require_email: true, ...draftGen });
    expect(settingsFromDraft(draft)).toEqual({
      settings: { confidence_threshold: 0.3, margin_threshold: 0.1, require_email: true, ...gen },
      errors: {},
    });
  });

  it('accepts a decimal comma and rejects values outside 0–1', () => {
    expect(
      settingsFromDraft({ confidence_threshold: '0,45', margin_threshold: '0', require_email: false, ...draftGen }).settings,
    ).toEqual({ confidence_threshold: 0.45, margin_threshold: 0, require_email: false, ...gen });
    const bad = settingsFromDraft({ confidence_threshold: '1.2', margin_threshold: 'abc', require_email: false, ...draftGen });
    expect(bad.settings).toBeNull();
    expect(bad.errors.confidence_threshold).toMatch(/0 to 1.*0\.3/);
    expect(bad.errors.margin_threshold).toMatch(/0\.1/);
    expect(
      settingsFromDraft({ confidence_threshold: '', margin_threshold: '0.1', require_email: false, ...draftGen }).errors
        .confidence_threshold,
    ).toBeTruthy();
  });

  it('takes a generator on this computer only', () => {
    expect(isLoopbackUrl('http://127.0.0.1:11434/v1')).toBe(true);
    expect(isLoopbackUrl('http://localhost:8080/v1')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:8080/v1')).toBe(true);
    expect(isLoopbackUrl('https://api.example.com/v1')).toBe(false);
    expect(isLoopbackUrl('http://192.168.1.5:11434/v1')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1.example.com/v1')).toBe(false);
    const base = { confidence_threshold: '0.3', margin_threshold: '0.1', require_email: false, generator_model: 'm' };
    expect(settingsFromDraft({ ...base, generator_url: 'http://example.com/v1' }).errors.generator_url).toBeTruthy();
    expect(settingsFromDraft({ ...base, generator_url: ' http://127.0.0.1:11434/v1 ' }).settings?.generator_url).toBe(
      'http://127.0.0.1:11434/v1',
    );
  });
});

describe('intents editor', () => {
  const intents: IntentDef[] = [
    { id: 'order_status', label: 'Order status', examples: ['Where is my order?', 'Has it shipped?'], sensitive: false },
    { id: 'legal', label: 'Legal', examples: ['I will call my lawyer'], sensitive: true },
  ];

  it('reads one phrase per line, dropping blanks and repeats', () => {
    expect(parseExamples('  Where is my order? \n\n where  is my ORDER?\r\nHas it shipped?\n   ')).toEqual([
      'Where is my order?',
      'Has it shipped?',
    ]);
    expect(parseExamples('')).toEqual([]);
    expect(examplesText(['a', 'b'])).toBe('a\nb');
  });

  it('round-trips the intents and notices changes', () => {
    const drafts = intentDrafts(intents);
    expect(drafts[0].examples).toBe('Where is my order?\nHas it shipped?');
    expect(intentsFromDrafts(drafts)).toEqual(intents);
    expect(intentsChanged(drafts, intents)).toBe(false);
    // Trailing blank lines are not a change.
    expect(intentsChanged([{ ...drafts[0], examples: drafts[0].examples + '\n\n' }, drafts[1]], intents)).toBe(false);
    expect(intentsChanged([{ ...drafts[0], sensitive: true }, drafts[1]], intents)).toBe(true);
    expect(intentsChanged([drafts[0], { ...drafts[1], examples: 'Chargeback' }], intents)).toBe(true);
  });

  it('needs at least one phrase per intent', () => {
    const drafts = intentDrafts(intents);
    drafts[1].examples = ' \n \n';
    expect(intentErrors(drafts)).toEqual({ legal: 'Add at least one example phrase, one per line.' });
    expect(intentsFromDrafts(drafts)).toBeNull();
    expect(phraseCount(1)).toBe('1 phrase');
    expect(phraseCount(3)).toBe('3 phrases');
  });
});

describe('imported labels', () => {
  const label = (name: string, used: ImportedLabel['used'], intent: string | null, conversations = 10): ImportedLabel => ({
    label: name,
    conversations,
    intent,
    used,
    examples: [],
  });

  it('offers each label its current choice and reads a choice back', () => {
    expect(labelValue(label('track_order', 'undecided', null))).toBe('');
    expect(labelValue(label('cancel_order', 'same_name', 'cancel_order'))).toBe('intent:cancel_order');
    expect(labelValue(label('get_refund', 'mapped', 'returns_refunds'))).toBe('intent:returns_refunds');
    expect(labelValue(label('review', 'not_used', null))).toBe('not_used');
    expect(choiceFromValue('intent:returns_refunds')).toEqual({ use: 'intent', intent: 'returns_refunds' });
    expect(choiceFromValue('own')).toEqual({ use: 'own' });
    expect(choiceFromValue('not_used')).toEqual({ use: 'not_used' });
    expect(choiceFromValue('')).toBeNull();
    expect(choiceFromValue('intent:')).toBeNull();
  });

  it('says how many labels teach nothing yet, on how many conversations', () => {
    const labels = [
      label('track_order', 'undecided', null, 1000),
      label('cancel_order', 'same_name', 'cancel_order', 998),
      label('get_invoice', 'undecided', null, 200),
    ];
    expect(undecidedLabels(labels).map((l) => l.label)).toEqual(['track_order', 'get_invoice']);
    expect(undecidedText(labels, 'en-US')).toBe(
      '2 labels on 1,200 conversations teach the assistant nothing yet: their conversations are not used or scored.',
    );
    expect(undecidedText([labels[0]], 'en-US')).toBe(
      '1 label on 1,000 conversations teaches the assistant nothing yet: its conversations are not used or scored.',
    );
  });
});

describe('partialAnswerNote', () => {
  it('speaks once more passages can be quoted than when the answer was given', () => {
    expect(partialAnswerNote({ embedded: 40, total: 1200 }, { embedded: 1200, total: 1200 }, 'en-US')).toBe(
      'This answer could quote 40 of 1,200 policy passages; 1,200 can be quoted now. Ask again for an answer from them.',
    );
  });
  it('is silent when the answer had them all or nothing more was read', () => {
    expect(partialAnswerNote({ embedded: 1200, total: 1200 }, { embedded: 1200, total: 1200 })).toBeNull();
    expect(partialAnswerNote({ embedded: 40, total: 1200 }, { embedded: 40, total: 1200 })).toBeNull();
    expect(partialAnswerNote(null, { embedded: 40, total: 1200 })).toBeNull();
    expect(partialAnswerNote({ embedded: 40, total: 1200 }, null)).toBeNull();
  });
});
