/**
 * Main-process messages in Simplified Chinese: the same ids and {param} placeholders as en.ts (the
 * type and a test check), the same "what happened, what to do" shape. The server's own words
 * (resultDesc, errMsg) come in as parameters and stay as the server sent them.
 */
import type { MessageCatalogue } from './types'

export const zhCN: MessageCatalogue = {
  // ---- common ----------------------------------------------------------------------------------
  cancelled: '请求已取消。',

  // ---- iSales result codes ----------------------------------------------------------------------
  isalesError: 'iSales 错误 {resultCode}：{meaning}。{action}',
  isalesErrorServerSays:
    'iSales 错误 {resultCode}：{meaning}（服务器说明：{resultDesc}）。{action}',
  isalesUnknownMeaning: '未知的 iSales 错误码 {code}',
  isalesUnknownAction: '请把错误码和服务器的说明告诉 iSales 管理员。',
  isalesMeaning0200001: '参数错误',
  isalesAction0200001: '请检查 VDN ID 和活动 ID。',
  isalesMeaning0200006: '参数包含非法字符，或服务器数据库出错',
  isalesAction0200006: '请检查活动 ID；如果无误，请联系 iSales 管理员检查服务器。',
  isalesMeaning0200007: '外呼活动不存在',
  isalesAction0200007: '请检查活动 ID，或从服务器的活动列表中选择。',
  isalesMeaning0200022: '接口调用过于频繁',
  isalesAction0200022: '请稍等一分钟再试；如果频繁出现，请降低查询频率。',
  isalesMeaning02000001: '参数为空',
  isalesAction02000001: '请填写 VDN ID 和活动 ID。',
  isalesMeaning02000002: '参数包含非法字符',
  isalesAction02000002: '请检查活动 ID 中是否有多余字符。',
  isalesMeaning02000003: '参数长度超过上限',
  isalesAction02000003: '请检查活动 ID 和任务 ID。',
  isalesMeaning02000004: '参数长度低于下限',
  isalesAction02000004: '请检查活动 ID 和任务 ID。',
  isalesMeaning02000005: '参数长度或取值超出允许范围',
  isalesAction02000005: '请检查 VDN ID（{minVdn}–{maxVdn}）和分页大小（{minPage}–{maxPage}）。',
  isalesMeaning02000006: '参数类型错误',
  isalesAction02000006: '请检查 VDN ID 和活动 ID。',
  isalesMeaning02000007: '参数取值错误',
  isalesAction02000007: '请检查 VDN ID 和活动 ID。',
  isalesMeaning02000008: '参数转换错误',
  isalesAction02000008: '请检查请求参数（VDN ID、活动 ID）。',
  isalesMeaning02000009: '参数组合错误',
  isalesAction02000009: '请检查请求参数。',
  isalesMeaning02000010: '小时和分钟参数必须同时设置',
  isalesAction02000010: '请检查请求参数。',
  isalesMeaning02000011: '参数过多',
  isalesAction02000011: '请减少每次查询的任务 ID 数量。',

  // ---- HTTP status ------------------------------------------------------------------------------
  authFailed: '服务器拒绝了AK 和 SK（HTTP 401）。请检查 AK 和 SK，并确认本机的日期和时间正确。',
  rateLimited: '服务器正在限制请求。请稍等一分钟再试；如果频繁出现，请降低查询频率。',
  rateLimitedWait:
    '服务器正在限制请求，要求等待 {seconds} 秒。请在此之后再试；如果频繁出现，请降低查询频率。',
  rateLimitedTooLong:
    '服务器正在限制请求，要求等待 {seconds} 秒，超过了本工具的最长等待时间（{maxSeconds} 秒）。请在此之后再试。',
  httpStatus: '服务器返回 HTTP {status}：{advice}。',
  httpStatusServerSays: '服务器返回 HTTP {status}：{advice}。（服务器说明：{resultDesc}）',
  httpAdviceServer: '服务器内部出错，请稍后再试',
  httpAdviceForbidden: '服务器拒绝访问，请向 iSales 管理员确认此访问密钥是否有权使用该接口',
  httpAdviceNotFound: '此地址上找不到该接口，请检查服务器地址和端口，并确认它是 CC-iSales 服务器',
  httpAdviceProxy: '代理服务器要求身份验证，请检查网络设置',
  httpAdviceRequestTimeout: '服务器等待请求超时，请重试',
  httpAdviceRedirect: '服务器对请求做了重定向，请检查服务器地址',
  httpAdviceOther:
    '服务器没有接受该请求，请检查服务器地址、VDN ID 和活动 ID；如果一直如此，请告知 iSales 管理员',

  // ---- reply body -------------------------------------------------------------------------------
  replyTooLarge:
    '服务器的响应过大（超过 {size}），已停止读取。服务器可能工作异常：请确认地址指向的是 CC-iSales 服务器，或联系 iSales 管理员。',
  replyEmpty: '服务器的响应为空。请确认地址指向的是 CC-iSales 服务器。',
  replyCutOff: '服务器的响应在结束前被中断。请重试；如果一直如此，请检查网络或 VPN。',
  replyNotJson:
    '服务器的响应不是有效的 JSON。请确认地址指向的是 CC-iSales 服务器（而不是网页或代理）；如果地址无误，请告知 iSales 管理员。',

  // ---- request input ----------------------------------------------------------------------------
  vdnIdRange: 'VDN ID 必须是 1 到 9999 之间的整数。',
  signedHeadersChoice: '参与签名的请求头只能从 host、content-type 和 content-length 中选择。',
  signedHeadersUnknown:
    '参与签名的请求头只能从 host、content-type 和 content-length 中选择（本应用不会发送“{header}”）。',
  timestampFormat: '时间戳格式必须是秒或毫秒。',
  positiveNumber: '{field} 必须是正数。',
  akRequired: '请填写 AK，不能包含空格或“/”。',
  skRequired: '请填写 SK。',
  requestLocale: '语言参数必须是 zh_CN 或 en_US。',
  campaignIdRequired: '请填写活动 ID。',
  pageSizeRange: '分页大小必须是 {min} 到 {max} 之间的整数。',
  offsetRange: '偏移量必须是大于或等于 0 的整数。',
  taskIdsText: '导入任务 ID 必须是非空文本。',
  pageNumberRange: '页码必须是大于或等于 1 的整数。',
  campaignStatusFilter: '活动状态筛选值必须是 0、2、3 或 4。',
  totalTimeout:
    '服务器在 {seconds} 秒内没有发完响应，请求已停止。请重试；如果一直如此，请检查网络或 VPN，或告知 iSales 管理员。',
  requestNotBuilt: '无法生成请求。这是应用的缺陷。',
  requestFailed: '向服务器发送请求失败。请检查网络或 VPN 连接后重试。',
  fetchFailed: '获取导入任务时发生意外错误。',

  // ---- TLS and transport ------------------------------------------------------------------------
  certChanged:
    '服务器的证书已变更。已信任：{expected}，当前出示：{presented}。如果是管理员更换了证书，请信任新证书；否则请不要连接。',
  tlsSelfSigned:
    '服务器使用的是自签名证书，本机不信任它。请先核对证书，再信任该服务器的证书（固定其指纹），或添加贵公司的 CA 证书。',
  tlsPrivateCa:
    '服务器的证书由私有 CA 签发，本机不信任该 CA。请添加贵公司的 CA 证书，或信任该服务器的证书（固定其指纹）。',
  tlsUnknownCa:
    '服务器的证书由本机不认识的 CA 签发（可能是私有 CA，或服务器没有发送中间证书）。请添加贵公司的 CA 证书，或信任该服务器的证书（固定其指纹）。',
  tlsUntrustedCa:
    '服务器的证书由本机不信任的 CA 签发。请添加贵公司的 CA 证书，或信任该服务器的证书（固定其指纹）。',
  tlsIncompleteChain:
    '服务器的证书链不完整，或由未知的 CA 签发。请添加贵公司的 CA 证书，或信任该服务器的证书（固定其指纹）。',
  tlsExpired: '服务器的证书已过期。请联系 iSales 管理员更新证书，并检查本机的日期和时间。',
  tlsNotYetValid: '服务器的证书尚未生效。请检查本机的日期和时间，或请 iSales 管理员检查证书。',
  tlsRevoked: '服务器的证书已被吊销。请不要连接，并告知 iSales 管理员。',
  tlsBadSignature: '服务器证书的签名无效。请不要连接，并告知 iSales 管理员。',
  tlsWrongName:
    '服务器的证书不是为这个地址签发的。请使用证书中写明的地址，或请 iSales 管理员提供包含此地址的证书。',
  tlsPinNeedsHttps: '固定证书需要使用 https:// 开头的服务器地址。',
  tlsNotTls: '服务器没有以 TLS 应答。请检查端口，确认地址是 iSales 服务器的 HTTPS 端口。',
  tlsFailed: '与服务器的安全连接失败。请检查地址和端口；如果一直如此，请告知 iSales 管理员。',
  tlsNoCertificate: '服务器没有出示证书。',
  tlsHandshakeTimeout:
    '服务器在 {seconds} 秒内没有完成 TLS 握手。请检查地址和端口（必须是 HTTPS 端口），以及网络或 VPN。',
  tlsProbeFailed: '与服务器的安全连接失败。请检查地址和端口（必须是 HTTPS 端口）。',
  netRefused: '服务器拒绝了连接。请检查地址和端口，并确认 iSales 服务正在运行。',
  netNameNotFound: '找不到服务器名称。请检查地址，以及网络或 VPN。',
  netLookupFailed: '暂时无法解析服务器名称。请检查网络或 VPN 后重试。',
  netUnreachable: '无法连接到服务器。请检查网络或 VPN 连接。',
  netDown: '网络已断开。请检查网络或 VPN 连接。',
  netDropped: '与服务器的连接被中断。请检查网络或 VPN 连接后重试。',
  connectTimeout: '连接服务器超时。请检查地址和端口，以及网络或 VPN。',
  headersTimeout:
    '服务器已接收请求，但没有及时应答。请稍后再试；如果一直如此，请告知 iSales 管理员。',
  bodyTimeout: '服务器中途停止发送响应。请重试；如果一直如此，请检查网络或 VPN。',

  // ---- certificate input ------------------------------------------------------------------------
  fingerprintDigits:
    '证书指纹不是 SHA-256 指纹：它有 {count} 位十六进制数字。应为 64 位十六进制数字（32 组，如 AB:CD:…），即检查证书时显示的指纹。',
  fingerprintCharacters:
    '证书指纹不是 SHA-256 指纹：其中含有十六进制数字、空格和冒号以外的字符。应为 64 位十六进制数字（32 组，如 AB:CD:…），即检查证书时显示的指纹。',
  caFileNotPem:
    '该文件不是 PEM 格式的证书。请使用 PEM 格式的 CA 证书文件（以 -----BEGIN CERTIFICATE----- 开头的文本）；.der/.cer 文件请先转换。',
  caCertificateNotPem:
    '文件中的第 {index} 个证书不是 PEM 格式的证书。请使用 PEM 格式的 CA 证书文件（以 -----BEGIN CERTIFICATE----- 开头的文本）；.der/.cer 文件请先转换。',

  // ---- CSV export -------------------------------------------------------------------------------
  csvWriteFailed: '无法保存 CSV 文件“{path}”：{problem}。没有写入任何内容；请选择其他位置后重试。',
  xlsxWriteFailed:
    '无法保存 Excel 工作簿“{path}”：{problem}。没有写入任何内容；请选择其他位置后重试。',
  writeNoPermission: '您没有在该位置写入的权限',
  writeInUse: '文件正被占用，或您没有在该位置写入的权限',
  writeBusy: '文件已在其他程序中打开（请在 Excel 中关闭后重试）',
  writeNoFolder: '文件夹不存在',
  writeIsFolder: '该名称是一个文件夹',
  writeReadOnly: '磁盘为只读',
  writeDiskFull: '磁盘已满',
  writeQuota: '磁盘配额已用完',
  writeNameTooLong: '文件名过长',
  showOnlyExported: '只能在文件夹中显示本次会话中导出的文件。',

  // ---- keychain ---------------------------------------------------------------------------------
  keychainUnusable:
    '无法使用本机的钥匙串（{reason}）。您可以只在本次会话中保留 SK，重启后需要重新输入。',
  keychainRemoveFailed: '无法从本机的钥匙串中删除 SK（{reason}）。',
  keychainNoSupport: '此系统不支持钥匙串',
  keychainGaveBackOther: '读回的内容与存入的不一致',
  keychainNoSession: '没有运行桌面会话，因此无法连接 Secret Service',
  keychainLockedRead:
    '无法读取密钥：密钥环已锁定（或重启后处于锁定状态）。请解锁密钥环（例如重新登录桌面）后重试。',
  keychainLocked: '密钥环已锁定或尚未设置；解锁它（例如登录桌面）通常即可解决',
  keychainNotAllowed: '本应用未获准使用钥匙串',
  keychainFailed: '钥匙串报告了错误',

  // ---- app, campaigns and export, the monitor --------------------------------------------------
  tooManyProbes: '同时进行的证书检查过多（最多 {max} 个）；请等待当前的检查完成后再试。',
  tooManyLists: '同时请求的活动列表过多（最多 {max} 个）；请等待当前的请求完成后再试。',
  logFolderFailed: '无法打开日志文件夹：{problem}',
  secretMissing: '此服务器配置没有保存 SK。请打开该配置并输入 SK。',
  exportNothingYet: '此活动还没有可导出的任务。请先刷新。',
  shuttingDown: '应用正在退出。',
  refreshFailed: '刷新导入任务时发生意外错误。',
  refreshIdInUse: '此刷新请求 ID 已在使用中。',
  profileGone: '此服务器配置已不存在。请选择其他配置。',
  certChangedSinceCheck:
    '服务器现在出示的证书与您检查过的不同。请重新测试连接，然后再决定是否信任。',

  // ---- server address --------------------------------------------------------------------------
  serverUrlInvalid:
    '服务器地址必须是 https://ip:port 形式（例如 https://10.0.0.1:28443），不能带路径、查询参数或用户名。',

  // ---- reply shape -----------------------------------------------------------------------------
  replyBadShape:
    '服务器的回复格式不符合预期：{field} {sent}（{reason}）。请确认地址指向 CC-iSales 服务器；如果确实如此，可能不支持此服务器版本，请告知 iSales 管理员。',
  replyNoResultCode:
    '服务器的回复格式不符合预期：缺少 resultCode。请确认地址指向 CC-iSales 服务器。',
  replyWhole: '回复',
  replyUnexpected: '不符合预期',
  replyValueMissing: '缺失',
  replyValueNull: '为 null',
  replyValueList: '是一个列表',
  replyValueText: "为 '{text}'",
  replyValueNumber: '为数字 {value}',
  replyValueBoolean: '为 {value}',
  replyValueObject: '是一个对象',
  tooFrequent:
    '服务器表示调用过于频繁（iSales {code}）。请稍等一分钟再试；如果频繁出现，请降低查询频率。',
  tooFrequentServerSays:
    '服务器表示调用过于频繁（iSales {code}：{resultDesc}）。请稍等一分钟再试；如果频繁出现，请降低查询频率。',

  // ---- files the person chose ------------------------------------------------------------------
  fileTooLarge: '{what}过大（{size} 字节）。请选择正确的文件。',
  fileUnreadable: '无法读取{what}。请确认文件存在，并且您有权限打开它。',
  fileWhatCaCertificate: 'CA 证书文件',
  fileWhatProfiles: '服务器配置文件',

  // ---- saved files -----------------------------------------------------------------------------
  storeNewer:
    '{what}由更新版本的 iSales Import Monitor 写入（格式版本 {version}），此版本无法读取；{kept}，{consequence}。请安装更新的版本后再使用。',
  storeUnreadable: '无法读取{what}（{why}）；{kept}，{consequence}。',
  storeKeptAs: '该文件已另存为 {name}（在同一文件夹中）',
  storeKeptInPlace: '该文件无法移走，仍保持原样；在将其移走或删除之前，更改都不会被保存',
  storeSaveFailed: '无法将{what}保存到 {path}。请检查磁盘剩余空间和该文件夹的权限；{lost}。',
  storeSaveFailedCode:
    '无法将{what}保存到 {path}（{code}）。请检查磁盘剩余空间和该文件夹的权限；{lost}。',
  storeWhatProfiles: '您保存的服务器配置',
  storeNoProfiles: '现在从空列表开始',
  storeSavedProfiles: '服务器配置',
  storeLostLastChange: '您最近的更改没有保留',
  storeWhatSettings: '您的设置',
  storeDefaultSettings: '现在使用默认设置',
  storeSavedSettings: '设置',
  storeLostChange: '此次更改没有保留',
  docReadFailed: '文件无法读取（{code}）',
  docNotAFile: '该位置上是文件夹、链接或其他特殊文件，而不是普通文件',
  docNotJson: '内容不是有效的 JSON',
  docNotObject: '内容不是 JSON 对象',
  docNoVersion: '格式版本缺失或不是正整数',
  docNewerVersion: '格式版本 {version} 比 {current} 新',
  docNoUpgrade: '无法从格式版本 {version} 升级',

  // ---- server profiles -------------------------------------------------------------------------
  demoNotReplaceable: '内置演示配置不能用这种方式替换。',
  profileNotFound: '找不到该服务器配置，它可能已被删除。请重新加载列表后再试。',
  importTooLarge: '该配置文件太大，不可能是导出的服务器配置。',
  importNotJson: '该文件不是导出的配置文件：它不是有效的 JSON。',
  importNoFormat: '该文件不是 iSales Import Monitor 导出的配置文件（没有 "format" 字段）。',
  importWrongFormat:
    '该文件不是 iSales Import Monitor 导出的配置文件（其格式为 {format}，应为 "{expected}"）。',
  importNewer:
    '该配置文件由更新版本的 iSales Import Monitor 导出（格式版本 {version}）；此版本只能读取格式版本 {current}。请更新应用后再导入。',
  invalidProfile: '服务器配置无效',
  invalidTls: '证书信任设置无效',
  invalidCampaigns: '关注的活动无效',
  invalidProfilesFile: '配置文件无效',
  invalidProfileInFile: '文件中的第 {number} 个配置无效',
  invalidNamedProfileInFile: '文件中的第 {number} 个配置（"{name}"）无效',
  invalidSettings: '设置无效',
  problemInContext: '{context}：{problem}。',
  problemInContextSentence: '{context}：{problem}',

  // ---- settings --------------------------------------------------------------------------------
  settingRefreshInterval: '刷新间隔必须是 {min} 到 {max} 之间的整数秒。',
  settingNotifications: '通知设置只能是开或关。',
  settingLocale: '语言只能是 system、en 或 zh-CN。',
  settingTheme: '主题只能是 system、light 或 dark。',
  settingCsvBom: 'CSV 字节顺序标记（BOM）设置只能是开或关。',
  settingUnknown: '未知的设置：{keys}。',

  // ---- what is wrong with a value --------------------------------------------------------------
  zodFieldProblem: '{field}{problem}',
  zodPathStep: '{parent} › {child}',
  zodPathItem: '第 {number} 项',
  zodWholeContent: '内容',
  zodDataInvalid: '数据无效',
  zodNotExpected: '是不应出现的字段',
  zodMissing: '缺失',
  zodMustBe: '必须是{type}',
  zodTypeString: '文本',
  zodTypeNumber: '数字',
  zodTypeBoolean: '布尔值',
  zodTypeObject: '对象',
  zodTypeArray: '列表',
  zodNotEmpty: '不能为空',
  zodCharsAtLeast: '长度至少为 {count} 个字符',
  zodCharsAtMost: '长度最多为 {count} 个字符',
  zodOneCharAtMost: '长度最多为 1 个字符',
  zodItemsAtLeast: '至少要有 {count} 项',
  zodOneItemAtLeast: '至少要有 1 项',
  zodItemsAtMost: '最多只能有 {count} 项',
  zodOneItemAtMost: '最多只能有 1 项',
  zodAtLeast: '不能小于 {limit}',
  zodAtMost: '不能大于 {limit}',
  zodOneOf: '必须是以下之一：{values}',
  zodBadFormat: '格式不正确',
  zodNoForm: '不符合任何可接受的形式',
  zodInvalidBecause: '无效：{reason}',
  zodInvalid: '无效',
  zodLabelId: 'ID',
  zodLabelName: '名称',
  zodLabelServerUrl: '服务器地址',
  zodLabelVdnId: 'VDN ID',
  zodLabelAk: 'AK',
  zodLabelSigning: '签名选项',
  zodLabelTimestampFormat: '时间戳格式',
  zodLabelSignedHeaders: '签名的请求头',
  zodLabelTls: '证书信任',
  zodLabelCaPem: 'CA 证书',
  zodLabelCaLabel: 'CA 证书名称',
  zodLabelFingerprint: '证书指纹',
  zodLabelCampaigns: '关注的活动',
  zodLabelCampaignLabel: '活动标签',
  zodLabelDemo: '演示标记',
  zodLabelRefreshInterval: '刷新间隔',
  zodLabelNotifications: '通知',
  zodLabelLocale: '语言',
  zodLabelTheme: '主题',
  zodLabelCsvBom: 'CSV 字节顺序标记',
  zodLabelProfiles: '配置',
  zodLabelVersion: '格式版本',
  zodLabelFormat: '格式',

  // ---- start-up notices ------------------------------------------------------------------------
  demoNotStarted:
    '内置演示服务器未能启动，演示配置不会显示新数据。请重启应用再试；详细信息见日志文件。',

  // ---- file dialog titles ----------------------------------------------------------------------
  dialogExportProfiles: '导出服务器配置（不含 SK）',
  dialogImportProfiles: '导入服务器配置',
  dialogPickCaFile: '选择贵公司的 CA 证书（PEM）',
  dialogExportCsv: '将导入任务导出为 CSV',
  dialogExportXlsx: '将导入任务导出为 Excel 工作簿',

  // ---- command line -----------------------------------------------------------------------------
  cliCertChanged: '{message} 要在这里信任新证书，请使用：--pin {presented}',
  cliAuthFailed: '{message}（{program} 从 --ak 或 ISALES_AK 读取 AK，从 ISALES_SK 读取 SK。）',
  cliCertificateSeen:
    '{message} 服务器出示的 SHA-256 指纹为 {fingerprint}（主题 {subject}）；如果管理员确认无误，请加上 --pin {fingerprint} 重新运行。',
  cliCertificateHint: '{message} 请用 --ca FILE 指定 CA 证书，或用 --pin 指定证书指纹。',
  cliIncompleteCountInflated:
    '警告：服务器声称有 {count} 个任务，但分页在 {tasks} 个之后就结束了；列表可能不完整。',
  cliIncompleteOffsetIgnored:
    '警告：服务器再次返回了同一页（它忽略了 offset）；只能读取前 {tasks} 个任务。',
  cliTlsEnvIgnored:
    '警告：已忽略 NODE_TLS_REJECT_UNAUTHORIZED=0：服务器证书始终会被校验。要连接使用私有或自签名证书的服务器，请使用 --ca FILE 或 --pin FINGERPRINT。',
  cliIncompleteListMoving: '警告：读取期间任务列表一直在变化；可能缺少部分任务，请稍后再运行。',

  // ---- desktop notifications --------------------------------------------------------------------
  notifyFinishedTitle: '导入完成：活动 {campaign}',
  notifyFailedTitle: '导入失败：活动 {campaign}',
  notifyManyFinishedTitle: '{count} 个导入已完成：活动 {campaign}',
  notifyManyFailedTitle: '{count} 个导入失败：活动 {campaign}',
  notifyManyEndedTitle: '{count} 个导入已结束：活动 {campaign}',
  notifyCounts: '成功 {succeeded} 条，失败 {failed} 条',
  notifyNoReason: '服务器未说明原因',
  notifyFinishedPart: '{count} 个已完成——成功 {succeeded} 条，失败 {failed} 条',
  notifyFailedPart: '{count} 个失败——{reasons}',
  notifyFailedPartMore: '{count} 个失败——{reasons}（另有 {more} 个原因）',
  notifyReasonSeparator: '；',
  notifyPartSeparator: '。',

  // ---- alerts (main/alerts) ----------------------------------------------------------------------
  notifyCampaignOnServer: '{campaign}（服务器 {server}）',
  alertImportFailedTitle: '导入失败：活动 {campaign}（服务器 {server}）',
  alertImportFailedBody: '导入 {task}：{reason}',
  alertImportStuckTitle: '导入卡住：活动 {campaign}（服务器 {server}）',
  alertImportStuckBody: '导入 {task} 已准备或导入 {minutes} 分钟。',
  alertServerOfflineTitle: '服务器离线：{server}',
  alertServerOfflineBody: '在服务器恢复响应之前，不再检查活动 {campaign}。',
  alertCampaignNotWatched: '此服务器未关注活动 {campaign}。',
  alertCertChangedTitle: '证书已变更：服务器 {server}',
  alertCertChangedBody: '服务器出示了另一张证书；在您核对之前，不再获取活动 {campaign}。',
  // ---- 保存前设置服务器 ---------------------------------------------------------------------------
  draftSecretMissing: '请输入 SK（密钥），才能向此服务器发送签名请求。',
  draftSecretRefused:
    '已保存的 SK 只发送给已保存的服务器地址，并且只配合已保存的 AK 和证书信任方式使用。要使用当前设置，请重新输入 SK。',
  secretNeededForChange:
    '服务器地址、AK 或证书信任方式已更改，而已保存的 SK 只用于当初保存它时的设置。请重新输入 SK 后再保存这些设置。',
  // ---- issue 9: always watching -----------------------------------------------------------------
  settingIdleCheckInterval: '空闲活动的检查间隔必须是 {min} 到 {max} 之间的整数秒。',
  zodLabelIdleCheckInterval: '空闲活动检查间隔',
  // ---- issue 12: blacklist imports ---------------------------------------------------------------
  blacklistImports: '黑名单导入',
  campaignsAndBlacklist: '{campaigns} 及黑名单导入',
}
