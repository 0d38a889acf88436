export * from './limits';
export * from './events';
export * from './parse';
export * from './policy';
export * from './case-state';
export * from './sla-types';
export * from './org';
export * from './attachments';
