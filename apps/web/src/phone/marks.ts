// Performance marks the phone pages set, read by bench/phone-first-load.ts.

/** Set once the appeal form has its categories and can be submitted: the phone's time to interactive. */
export const FORM_READY_MARK = 'qinqing:appeal-form-ready';
