/** How a binding reads in every answer (/bind, /lookup, import previews): each kind's own module says. */
export { describeBinding } from '../kinds/index.js';
