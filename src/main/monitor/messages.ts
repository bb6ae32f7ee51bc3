/**
 * Every message the monitor puts into an AppError, in one place (the window shows them as the
 * error's detail line).
 */

export const MISSING_SECRET_MESSAGE =
  'No secret key is stored for this server profile. Open the profile and enter the SK.'

export const UNEXPECTED_FAILURE_MESSAGE = 'Refreshing the import tasks failed unexpectedly.'

export const REQUEST_ID_IN_USE_MESSAGE = 'This refresh request id is already in use.'

export const PROFILE_GONE_MESSAGE = 'This server profile does not exist any more. Pick another one.'

export const SHUTTING_DOWN_MESSAGE = 'The app is shutting down.'
