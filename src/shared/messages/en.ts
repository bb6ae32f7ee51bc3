/**
 * Main-process messages in English: id → text with named {param} placeholders. zh-CN.ts has the
 * same ids and placeholders (a test checks). The window merges both under `main.` into its
 * vue-i18n messages, so write plain text only: no at-sign, pipe or dollar sign, and braces only
 * around a parameter name. A parameter may itself be a message (formatted in the same language).
 * Each text says what happened and what to do; the CLI and the log print the English one.
 */
export const en = {
  // ---- common ----------------------------------------------------------------------------------
  cancelled: 'The request was cancelled.',

  // ---- iSales result codes (errors.ts): meaning and action per code -----------------------------
  isalesError: 'iSales error {resultCode}: {meaning}. {action}',
  isalesErrorServerSays:
    'iSales error {resultCode}: {meaning} (server says: {resultDesc}). {action}',
  isalesUnknownMeaning: 'Unknown iSales error code {code}',
  isalesUnknownAction: 'Tell the iSales administrator the code and the server description.',
  isalesMeaning0200001: 'Parameter error',
  isalesAction0200001: 'Check the VDN id and campaign id.',
  isalesMeaning0200006:
    'The parameter contains invalid characters, or the server hit a database error',
  isalesAction0200006:
    'Check the campaign id; if it is correct, ask the iSales administrator to check the server.',
  isalesMeaning0200007: 'The outbound campaign does not exist',
  isalesAction0200007: 'Check the campaign id, or pick the campaign from the server’s list.',
  isalesMeaning0200022: 'The interface is called too frequently',
  isalesAction0200022: 'Wait a minute and try again; if it keeps happening, query less often.',
  isalesMeaning02000001: 'Empty parameter',
  isalesAction02000001: 'Fill in the VDN id and campaign id.',
  isalesMeaning02000002: 'The parameter contains invalid characters',
  isalesAction02000002: 'Check the campaign id for stray characters.',
  isalesMeaning02000003: 'A parameter is longer than the maximum',
  isalesAction02000003: 'Check the campaign id and task ids.',
  isalesMeaning02000004: 'A parameter is shorter than the minimum',
  isalesAction02000004: 'Check the campaign id and task ids.',
  isalesMeaning02000005: 'A parameter length or value is outside the allowed range',
  isalesAction02000005:
    'Check the VDN id ({minVdn}–{maxVdn}) and the page size ({minPage}–{maxPage}).',
  isalesMeaning02000006: 'Incorrect parameter type',
  isalesAction02000006: 'Check the VDN id and campaign id.',
  isalesMeaning02000007: 'Incorrect parameter value',
  isalesAction02000007: 'Check the VDN id and campaign id.',
  isalesMeaning02000008: 'Parameter conversion error',
  isalesAction02000008: 'Check the request parameters (VDN id, campaign id).',
  isalesMeaning02000009: 'Incorrect parameter combination',
  isalesAction02000009: 'Check the request parameters.',
  isalesMeaning02000010: 'The hour and minute parameters must be set together',
  isalesAction02000010: 'Check the request parameters.',
  isalesMeaning02000011: 'Too many parameters',
  isalesAction02000011: 'Ask for fewer task ids at a time.',

  // ---- HTTP status (isales/http-errors.ts) ------------------------------------------------------
  authFailed:
    "The server rejected the access key and secret key (HTTP 401). Check the AK and SK, and that this computer's date and time are right.",
  rateLimited:
    'The server is limiting requests. Wait a minute and try again; if it keeps happening, query less often.',
  rateLimitedWait:
    'The server is limiting requests and asked to wait {seconds} s. Try again after that; if it keeps happening, query less often.',
  rateLimitedTooLong:
    'The server is limiting requests and asked to wait {seconds} s, longer than this tool waits ({maxSeconds} s). Try again after that.',
  httpStatus: 'The server answered HTTP {status}: {advice}.',
  httpStatusServerSays: 'The server answered HTTP {status}: {advice}. (server says: {resultDesc})',
  httpAdviceServer: 'the server had an internal problem; try again later',
  httpAdviceForbidden:
    'the server refused access; ask the iSales administrator whether this access key may use the interface',
  httpAdviceNotFound:
    'the interface was not found at this address; check the server address and port, and that it is a CC-iSales server',
  httpAdviceProxy: 'a proxy asked for credentials; check the network settings',
  httpAdviceRequestTimeout: 'the server gave up waiting for the request; try again',
  httpAdviceRedirect: 'the server redirected the request; check the server address',
  httpAdviceOther:
    'the server did not accept the request; check the server address, VDN id and campaign id, and tell the iSales administrator if it keeps happening',

  // ---- reply body (isales/read-body.ts) ---------------------------------------------------------
  replyTooLarge:
    "The server's reply is too large (over {size}), so reading stopped. The server may be misbehaving: check that the address points to a CC-iSales server, or contact the iSales administrator.",
  replyEmpty: "The server's reply is empty. Check that the address points to a CC-iSales server.",
  replyCutOff:
    "The server's reply was cut off before its end. Try again; if it keeps happening, check your network or VPN.",
  replyNotJson:
    "The server's reply is not valid JSON. Check that the address points to a CC-iSales server (not a web page or proxy); if it does, tell the iSales administrator.",

  // ---- request input (isales/client.ts, fetch-all.ts) -------------------------------------------
  vdnIdRange: 'The VDN id must be a whole number from 1 to 9999.',
  signedHeadersChoice:
    'The signed headers must be chosen from host, content-type and content-length.',
  signedHeadersUnknown:
    'The signed headers must be chosen from host, content-type and content-length ("{header}" is not sent by this app).',
  timestampFormat: 'The timestamp format must be seconds or milliseconds.',
  positiveNumber: '{field} must be a positive number.',
  akRequired: 'The access key (AK) must be filled in, without spaces or "/".',
  skRequired: 'The secret key (SK) must be filled in.',
  requestLocale: 'The locale must be zh_CN or en_US.',
  campaignIdRequired: 'The campaign id must be filled in.',
  pageSizeRange: 'The page size must be a whole number from {min} to {max}.',
  offsetRange: 'The offset must be a whole number ≥ 0.',
  taskIdsText: 'Import task ids must be non-empty text.',
  pageNumberRange: 'The page number must be a whole number ≥ 1.',
  campaignStatusFilter: 'The campaign status filter must be 0, 2, 3 or 4.',
  totalTimeout:
    'The server did not send its full reply within {seconds} s, so the request was stopped. Try again; if it keeps happening, check your network or VPN, or tell the iSales administrator.',
  requestNotBuilt: 'The request could not be built. This is a bug in the app.',
  requestFailed:
    'The request to the server failed. Check your network or VPN connection and try again.',
  fetchFailed: 'Fetching the import tasks failed unexpectedly.',

  // ---- TLS and transport (tls/classify-error.ts, probe.ts) --------------------------------------
  certChanged:
    "The server's certificate has changed. Trusted: {expected}, presented: {presented}. If your administrator replaced the certificate, trust the new one; otherwise do not connect.",
  tlsSelfSigned:
    "The server uses a self-signed certificate that this computer does not trust. Check it, then trust the server's certificate (pin its fingerprint) or add your company's CA certificate.",
  tlsPrivateCa:
    "The server's certificate is issued by a private CA that this computer does not trust. Add your company's CA certificate, or trust the server's certificate (pin its fingerprint).",
  tlsUnknownCa:
    "The server's certificate is issued by a CA that this computer does not know (a private CA, or the server does not send its intermediate certificate). Add your company's CA certificate, or trust the server's certificate (pin its fingerprint).",
  tlsUntrustedCa:
    "The server's certificate is issued by a CA that this computer does not trust. Add your company's CA certificate, or trust the server's certificate (pin its fingerprint).",
  tlsIncompleteChain:
    "The server's certificate chain is incomplete or issued by an unknown CA. Add your company's CA certificate, or trust the server's certificate (pin its fingerprint).",
  tlsExpired:
    "The server's certificate has expired. Ask the iSales administrator to renew it, and check this computer's date and time.",
  tlsNotYetValid:
    "The server's certificate is not valid yet. Check this computer's date and time, or ask the iSales administrator to check the certificate.",
  tlsRevoked:
    "The server's certificate has been revoked. Do not connect; tell the iSales administrator.",
  tlsBadSignature:
    "The server's certificate signature is invalid. Do not connect; tell the iSales administrator.",
  tlsWrongName:
    "The server's certificate is not issued for this address. Use the address named in the certificate, or ask the iSales administrator for a certificate that names this address.",
  tlsPinNeedsHttps: 'A pinned certificate needs an https:// server address.',
  tlsNotTls:
    'The server did not answer with TLS. Check the port, and that the address is the HTTPS port of the iSales server.',
  tlsFailed:
    'The secure connection to the server failed. Check the address and port; if it keeps happening, tell the iSales administrator.',
  tlsNoCertificate: 'The server did not present a certificate.',
  tlsHandshakeTimeout:
    'The server did not complete a TLS handshake within {seconds} s. Check the address and port (it must be the HTTPS port), and your network or VPN.',
  tlsProbeFailed:
    'The secure connection to the server failed. Check the address and port (it must be the HTTPS port).',
  netRefused:
    'The server refused the connection. Check the address and port, and that the iSales service is running.',
  netNameNotFound:
    'The server name could not be found. Check the address, and your network or VPN.',
  netLookupFailed:
    'The server name could not be looked up right now. Check your network or VPN and try again.',
  netUnreachable: 'The server cannot be reached. Check your network or VPN connection.',
  netDown: 'The network is down. Check your network or VPN connection.',
  netDropped:
    'The connection to the server was dropped. Check your network or VPN connection and try again.',
  connectTimeout:
    'Connecting to the server timed out. Check the address and port, and your network or VPN.',
  headersTimeout:
    'The server accepted the request but did not answer in time. Try again later; if it keeps happening, tell the iSales administrator.',
  bodyTimeout:
    'The server stopped sending its reply. Try again; if it keeps happening, check your network or VPN.',

  // ---- certificate input (tls/trust.ts) ---------------------------------------------------------
  fingerprintDigits:
    'The certificate fingerprint is not a SHA-256 fingerprint: it has {count} hexadecimal digits. Expected 64 hexadecimal digits (32 pairs such as AB:CD:…), as shown when the certificate is checked.',
  fingerprintCharacters:
    'The certificate fingerprint is not a SHA-256 fingerprint: it contains characters other than hexadecimal digits, spaces and colons. Expected 64 hexadecimal digits (32 pairs such as AB:CD:…), as shown when the certificate is checked.',
  caFileNotPem:
    'The file is not a PEM certificate. Use the CA certificate file in PEM format (text starting with -----BEGIN CERTIFICATE-----); convert a .der/.cer file first.',
  caCertificateNotPem:
    'Certificate {index} in the file is not a PEM certificate. Use the CA certificate file in PEM format (text starting with -----BEGIN CERTIFICATE-----); convert a .der/.cer file first.',

  // ---- CSV export (export/export-service.ts) ----------------------------------------------------
  csvWriteFailed:
    'Could not save the CSV file "{path}": {problem}. Nothing was written; choose another location and try again.',
  xlsxWriteFailed:
    'Could not save the Excel workbook "{path}": {problem}. Nothing was written; choose another location and try again.',
  writeNoPermission: 'you do not have permission to write there',
  writeInUse: 'the file is in use or you do not have permission to write there',
  writeBusy: 'the file is open in another program (close it in Excel and try again)',
  writeNoFolder: 'the folder does not exist',
  writeIsFolder: 'that name is a folder',
  writeReadOnly: 'the disk is read-only',
  writeDiskFull: 'the disk is full',
  writeQuota: 'the disk quota is used up',
  writeNameTooLong: 'the file name is too long',
  showOnlyExported: 'Only files exported in this session can be shown in their folder.',

  // ---- keychain (secrets/) ----------------------------------------------------------------------
  keychainUnusable:
    "This computer's keychain cannot be used ({reason}). You can keep the secret key for this session only; you will be asked again after a restart.",
  keychainRemoveFailed:
    "The secret key could not be removed from this computer's keychain ({reason}).",
  keychainLockedRead:
    'The secret key cannot be read: the keyring is locked (or was restarted locked). Unlock it, for example by logging in to the desktop again, then try again.',
  keychainNoSupport: 'no keychain support is available for this system',
  keychainGaveBackOther: 'it did not give back what was stored in it',
  keychainNoSession: 'no desktop session is running, so the Secret Service cannot be reached',
  keychainLocked:
    'the keyring is locked or has not been set up; unlocking it, for example by logging in to the desktop, usually fixes this',
  keychainNotAllowed: 'this app was not allowed to use it',
  keychainFailed: 'it reported an error',

  // ---- app, campaigns and export (app/handlers/), the monitor (monitor/) ------------------------
  tooManyProbes:
    'Too many certificate checks at once (at most {max}); wait for the current ones to finish, then try again.',
  tooManyLists:
    'Too many campaign lists asked for at once (at most {max}); wait for the current ones to finish, then try again.',
  logFolderFailed: 'Could not open the log folder: {problem}',
  secretMissing:
    'No secret key is stored for this server profile. Open the profile and enter the SK.',
  exportNothingYet: 'There are no tasks to export for this campaign yet. Refresh it first.',
  shuttingDown: 'The app is shutting down.',
  refreshFailed: 'Refreshing the import tasks failed unexpectedly.',
  refreshIdInUse: 'This refresh request id is already in use.',
  profileGone: 'This server profile does not exist any more. Pick another one.',
  certChangedSinceCheck:
    'The server now presents a different certificate from the one you checked. Test the connection again before trusting it.',

  // ---- server address (shared/server-url.ts) ---------------------------------------------------
  serverUrlInvalid:
    'The server address must be https://ip:port (for example https://10.0.0.1:28443), without a path, query or user name.',

  // ---- reply shape (isales/schemas.ts): the field and what the server sent are parameters ------
  replyBadShape:
    "The server's reply is not in the expected format: {field} {sent} ({reason}). Check that the address points to a CC-iSales server; if it does, this server version may not be supported: tell the iSales administrator.",
  replyNoResultCode:
    "The server's reply is not in the expected format: resultCode is missing. Check that the address points to a CC-iSales server.",
  replyWhole: 'the reply',
  replyUnexpected: 'unexpected',
  replyValueMissing: 'is missing',
  replyValueNull: 'is null',
  replyValueList: 'is a list',
  replyValueText: "is '{text}'",
  replyValueNumber: 'is the number {value}',
  replyValueBoolean: 'is {value}',
  replyValueObject: 'is an object',
  tooFrequent:
    'The server says it is being called too often (iSales {code}). Wait a minute and try again; if it keeps happening, query less often.',
  tooFrequentServerSays:
    'The server says it is being called too often (iSales {code}: {resultDesc}). Wait a minute and try again; if it keeps happening, query less often.',

  // ---- files the person chose (fs/read-limited.ts) ---------------------------------------------
  fileTooLarge: 'The {what} is too large ({size} bytes). Choose the right file.',
  fileUnreadable: 'The {what} could not be read. Check that it exists and that you may open it.',
  fileWhatCaCertificate: 'CA certificate file',
  fileWhatProfiles: 'profiles file',

  // ---- saved files (fs/json-file-store.ts, versioned-json.ts): start-up problems, failed saves --
  storeNewer:
    '{what} were written by a newer version of iSales Import Monitor (format version {version}), which this version cannot read; {kept}, and {consequence}. Install the newer version to use them again.',
  storeUnreadable: '{what} could not be read ({why}); {kept}, and {consequence}.',
  storeKeptAs: 'the file was kept as {name} (in the same folder)',
  storeKeptInPlace:
    'the file could not be moved aside and was left as it is; changes will not be saved until it is moved or removed',
  storeSaveFailed:
    '{what} could not be saved to {path}. Check the free disk space and the permissions of that folder; {lost}.',
  storeSaveFailedCode:
    '{what} could not be saved to {path} ({code}). Check the free disk space and the permissions of that folder; {lost}.',
  storeWhatProfiles: 'Your saved server profiles',
  storeNoProfiles: 'you start with none',
  storeSavedProfiles: 'The server profiles',
  storeLostLastChange: 'your last change was not kept',
  storeWhatSettings: 'Your settings',
  storeDefaultSettings: 'the default settings are used',
  storeSavedSettings: 'The settings',
  storeLostChange: 'the change was not kept',
  docReadFailed: 'it could not be read ({code})',
  docNotAFile: 'a folder, a link or another special file is where the file belongs',
  docNotJson: 'it is not valid JSON',
  docNotObject: 'the content is not a JSON object',
  docNoVersion: 'the format version is missing or not a positive whole number',
  docNewerVersion: 'format version {version} is newer than {current}',
  docNoUpgrade: 'no upgrade from format version {version}',

  // ---- server profiles (profiles/profile-store.ts) ---------------------------------------------
  demoNotReplaceable: 'The built-in demo profile cannot be replaced this way.',
  profileNotFound:
    'No such server profile: it may have been deleted. Reload the list and try again.',
  importTooLarge: 'The profiles file is too large to be an export of server profiles.',
  importNotJson: 'The file is not a profiles export: it is not valid JSON.',
  importNoFormat:
    'The file is not an iSales Import Monitor profiles export (it has no "format" field).',
  importWrongFormat:
    'The file is not an iSales Import Monitor profiles export (its format is {format}, expected "{expected}").',
  importNewer:
    'The profiles file was exported by a newer version of iSales Import Monitor (format version {version}); this version reads format version {current}. Update the app to import it.',
  invalidProfile: 'The server profile is not valid',
  invalidTls: 'The certificate trust setting is not valid',
  invalidCampaigns: 'The watched campaigns are not valid',
  invalidProfilesFile: 'The profiles file is not valid',
  invalidProfileInFile: 'Profile {number} in the file is not valid',
  invalidNamedProfileInFile: 'Profile {number} ("{name}") in the file is not valid',
  invalidSettings: 'The settings are not valid',
  problemInContext: '{context}: {problem}.',
  problemInContextSentence: '{context}: {problem}',

  // ---- settings (settings/settings-store.ts) ---------------------------------------------------
  settingRefreshInterval:
    'The refresh interval must be a whole number of seconds from {min} to {max}.',
  settingNotifications: 'The notifications setting must be on or off.',
  settingLocale: 'The language must be system, en or zh-CN.',
  settingTheme: 'The theme must be system, light or dark.',
  settingCsvBom: 'The CSV byte order mark setting must be on or off.',
  settingUnknown: 'Unknown setting: {keys}.',

  // ---- what is wrong with a value (shared/zod-issue.ts, profiles/zod-problem.ts) ---------------
  zodFieldProblem: '{field} {problem}',
  zodPathStep: '{parent} › {child}',
  zodPathItem: '#{number}',
  zodWholeContent: 'the content',
  zodDataInvalid: 'the data is not valid',
  zodNotExpected: 'is not expected',
  zodMissing: 'is missing',
  zodMustBe: 'must be {type}',
  zodTypeString: 'a string',
  zodTypeNumber: 'a number',
  zodTypeBoolean: 'a boolean',
  zodTypeObject: 'an object',
  zodTypeArray: 'an array',
  zodNotEmpty: 'must not be empty',
  zodCharsAtLeast: 'must be at least {count} characters long',
  zodCharsAtMost: 'must be at most {count} characters long',
  zodOneCharAtMost: 'must be at most 1 character long',
  zodItemsAtLeast: 'must have at least {count} items',
  zodOneItemAtLeast: 'must have at least 1 item',
  zodItemsAtMost: 'must have at most {count} items',
  zodOneItemAtMost: 'must have at most 1 item',
  zodAtLeast: 'must be at least {limit}',
  zodAtMost: 'must be at most {limit}',
  zodOneOf: 'must be one of: {values}',
  zodBadFormat: 'is not in the expected format',
  zodNoForm: 'does not match any accepted form',
  zodInvalidBecause: 'is invalid: {reason}',
  zodInvalid: 'is invalid',
  zodLabelId: 'id',
  zodLabelName: 'name',
  zodLabelServerUrl: 'server address',
  zodLabelVdnId: 'VDN id',
  zodLabelAk: 'AK',
  zodLabelSigning: 'signing options',
  zodLabelTimestampFormat: 'timestamp format',
  zodLabelSignedHeaders: 'signed headers',
  zodLabelTls: 'certificate trust',
  zodLabelCaPem: 'CA certificate',
  zodLabelCaLabel: 'CA certificate name',
  zodLabelFingerprint: 'certificate fingerprint',
  zodLabelCampaigns: 'watched campaigns',
  zodLabelCampaignLabel: 'campaign label',
  zodLabelDemo: 'demo flag',
  zodLabelRefreshInterval: 'refresh interval',
  zodLabelNotifications: 'notifications',
  zodLabelLocale: 'language',
  zodLabelTheme: 'theme',
  zodLabelCsvBom: 'CSV byte order mark',
  zodLabelProfiles: 'profiles',
  zodLabelVersion: 'format version',
  zodLabelFormat: 'format',

  // ---- start-up notices (app/compose.ts) -------------------------------------------------------
  demoNotStarted:
    'The built-in demo server could not start, so the demo profile shows no new data. Restart the app to try again; the log file has the details.',

  // ---- file dialog titles (app/compose.ts) -----------------------------------------------------
  dialogExportProfiles: 'Export server profiles (without secret keys)',
  dialogImportProfiles: 'Import server profiles',
  dialogPickCaFile: 'Choose your company CA certificate (PEM)',
  dialogExportCsv: 'Export import tasks as CSV',
  dialogExportXlsx: 'Export import tasks as an Excel workbook',

  // ---- command line (cli/run.ts): the shared message plus how to act on it there ----------------
  cliCertChanged: '{message} To trust the new one here: --pin {presented}',
  cliAuthFailed:
    '{message} ({program} reads the AK from --ak or ISALES_AK, the SK from ISALES_SK.)',
  cliCertificateSeen:
    '{message} The server presented SHA-256 fingerprint {fingerprint} (subject {subject}); if your administrator confirms it, rerun with --pin {fingerprint}.',
  cliCertificateHint:
    '{message} Use --ca FILE with your CA certificate, or --pin with the certificate fingerprint.',
  // One stderr line when NODE_TLS_REJECT_UNAUTHORIZED=0 is set (agent-factory.ts ignores it).
  cliTlsEnvIgnored:
    'warning: NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: server certificates are always checked. To reach a server with a private or self-signed certificate, use --ca FILE or --pin FINGERPRINT.',
  // A one-line warning on stderr when the task list may be incomplete (exit code stays 0).
  cliIncompleteCountInflated:
    'warning: the server claimed {count} tasks but its pages ran out after {tasks}; the list may be incomplete.',
  cliIncompleteOffsetIgnored:
    'warning: the server sent the same page again (it ignores the offset); only the first {tasks} tasks could be read.',
  cliIncompleteListMoving:
    'warning: the task list kept changing while it was read; some tasks may be missing, run again later.',

  // ---- desktop notifications (alerts/ended-notification.ts) -----------------------------------------
  notifyFinishedTitle: 'Import finished: campaign {campaign}',
  notifyFailedTitle: 'Import failed: campaign {campaign}',
  notifyManyFinishedTitle: '{count} imports finished: campaign {campaign}',
  notifyManyFailedTitle: '{count} imports failed: campaign {campaign}',
  notifyManyEndedTitle: '{count} imports ended: campaign {campaign}',
  notifyCounts: '{succeeded} succeeded, {failed} failed',
  notifyNoReason: 'the server gave no reason',
  notifyFinishedPart: '{count} finished — {succeeded} succeeded, {failed} failed',
  notifyFailedPart: '{count} failed — {reasons}',
  notifyFailedPartMore: '{count} failed — {reasons} (+{more} more reasons)',
  notifyReasonSeparator: '; ',
  notifyPartSeparator: '. ',

  // ---- alerts (main/alerts) ----------------------------------------------------------------------
  notifyCampaignOnServer: '{campaign} on server {server}',
  alertImportFailedTitle: 'Import failed: campaign {campaign} on server {server}',
  alertImportFailedBody: 'Import {task}: {reason}',
  alertImportStuckTitle: 'Import stuck: campaign {campaign} on server {server}',
  alertImportStuckBody: 'Import {task} has been preparing or importing for {minutes} min.',
  alertServerOfflineTitle: 'Server offline: {server}',
  alertServerOfflineBody: 'Campaigns {campaign} are not checked until it answers again.',
  alertCampaignNotWatched: 'Campaign {campaign} is not watched on this server.',
  alertCertChangedTitle: 'Certificate changed: server {server}',
  alertCertChangedBody:
    'The server presented another certificate; campaigns {campaign} are not fetched until you check it.',
  // ---- server setup before saving (app/handlers/server-draft.ts) ------------------------------
  draftSecretMissing: 'Enter the SK (secret key) to make a signed request to this server.',
  draftSecretRefused:
    'The stored SK is only sent to the saved server address, with the saved AK and certificate trust. Enter the SK again to use these settings.',
  secretNeededForChange:
    'The server address, AK or certificate trust changed, and the stored SK stays with the settings it was given for. Enter the SK again to save these settings.',
  // ---- issue 9: always watching (settings/settings-store.ts, profiles/zod-problem.ts) ----------
  settingIdleCheckInterval:
    'The idle-campaign check interval must be a whole number of seconds from {min} to {max}.',
  zodLabelIdleCheckInterval: 'idle-campaign check interval',
  // ---- issue 12: blacklist imports (shared/blacklist.ts) ----------------------------------------
  blacklistImports: 'Blacklist imports',
  campaignsAndBlacklist: '{campaigns} and the blacklist imports',
} as const
