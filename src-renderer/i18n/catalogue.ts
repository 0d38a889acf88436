import { desk as deskZh } from './zh-CN/desk';
import { analysis as analysisZh } from './zh-CN/analysis';
import { ledger as ledgerZh } from './zh-CN/ledger';
import { policy as policyZh } from './zh-CN/policy';
import { attachments as attachmentsZh } from './zh-CN/attachments';
import { desk as deskEn } from './en/desk';
import { analysis as analysisEn } from './en/analysis';
import { ledger as ledgerEn } from './en/ledger';
import { policy as policyEn } from './en/policy';
import { attachments as attachmentsEn } from './en/attachments';

// The desk's words: one catalogue a language (./zh-CN/, the source, and ./en/), a namespace a file —
// desk (the shell and the everyday screens), analysis, ledger, policy (制度管理), attachments. The English
// catalogue is typed from the Chinese one, so a key missing or extra in either fails the typecheck
// (docs/decisions.md, "Words"). Sentences of domain and server codes are not here: they are the shared
// message catalogue (src-shared/i18n/validation.ts), rendered with `say`.

const zhCN = { desk: deskZh, analysis: analysisZh, ledger: ledgerZh, policy: policyZh, attachments: attachmentsZh };

export type Namespace = keyof typeof zhCN;
export type KeyOf<N extends Namespace> = keyof (typeof zhCN)[N] & string;
export type Catalogue = { [N in Namespace]: Record<KeyOf<N>, string> };

const en: Catalogue = { desk: deskEn, analysis: analysisEn, ledger: ledgerEn, policy: policyEn, attachments: attachmentsEn };

export const CATALOGUE: Record<'zh-CN' | 'en', Catalogue> = { 'zh-CN': zhCN, en };
