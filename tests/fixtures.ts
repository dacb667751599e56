/*
 * Fixtures shared by several test files.
 */

/** Four topics a person would separate at a glance: T transport to day services, M money and
 * direct payments, C carers changing all the time, L being listened to. Eight statements each. */
export const wall: Record<'T' | 'M' | 'C' | 'L', string[]> = {
  // Transport to day services.
  T: [
    'The taxi to the day centre is late most mornings',
    'The minibus never comes on time so I miss the start of day services',
    'I need transport to the day centre that turns up',
    'My taxi driver changes every week and gets lost',
    'The bus to day services was cancelled again and no one rang me',
    'I wait an hour for the taxi home from the day centre',
    'Transport to my day centre costs too much',
    'The minibus picks me up late so I miss lunch at day services',
  ],
  // Money and direct payments.
  M: [
    'The direct payment paperwork takes me hours every month',
    'Doing payroll for my PA is stressful',
    'The personal budget forms are too complicated',
    'I worry I will get the direct payment forms wrong',
    'No one explained how to pay my PA from my personal budget',
    'My direct payment arrived late and I could not pay my personal assistant',
    'The audit of my personal budget paperwork is frightening',
    'Payroll and tax for my PA take up my whole weekend',
  ],
  // Carers changing all the time.
  C: [
    'I get a different carer every day',
    'There are new faces at my door all the time',
    'The rota changes without anyone telling me',
    'I never know which carer is coming',
    'Too many different carers come to my home',
    'I have to explain my care to a new carer every week',
    'The agency keeps changing my carers and the rota',
    'I would like the same carer so I do not have to meet new faces',
  ],
  // Being listened to.
  L: [
    'Nobody listens to me',
    'I was talked over at my review',
    "My social worker doesn't hear me",
    'Nobody listens when I say what I want',
    'At my review everyone talked about me and not to me',
    'The social worker decided without listening to me',
    'I want people to listen to what I say',
    'My care manager does not hear what I am telling them',
  ],
};

/** Word pools for generated statements: four topics, so there is something to find. */
export const topicWords: readonly (readonly string[])[] = [
  ['taxi', 'minibus', 'bus', 'driver', 'late', 'journey', 'day centre', 'pick up'],
  ['direct payment', 'personal budget', 'payroll', 'paperwork', 'forms', 'PA', 'wages', 'invoice'],
  ['carer', 'rota', 'new faces', 'agency', 'different carer', 'visit', 'changes', 'care worker'],
  ['listen', 'review', 'social worker', 'hear', 'ignored', 'opinion', 'decided', 'talked over'],
];
