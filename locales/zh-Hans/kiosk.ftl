# Kiosk UI strings: Simplified Chinese. Same ids and variables as en
# (checked by kiosk/tests/locales.rs). Short sentences: they are read aloud.
# No spaces between words; characters must be in GB 2312 (the embedded font subset).

## Language picker: each language is listed by its own name.
language-name = 中文（简体）

## Attract screen
attract-welcome = 欢迎
attract-touch-to-start = 请触摸屏幕开始

## Language picker
language-title = 请选择您的语言

## Header buttons, the same on every page
nav-back = 返回
nav-home = 首页
nav-finish = 结束
nav-listen = 朗读
nav-help = 帮助

## Idle warning
idle-title = 您还在吗？
idle-explanation = 为了保护您的隐私，屏幕马上会清除所有内容并重新开始。
idle-seconds = 剩余秒数
idle-more-time = 是的，我需要更多时间

## Help
help-title = 帮助
help-body = 点大按钮进行选择。点“返回”回到上一页，点“首页”重新开始。点“朗读”听本页内容。如果遇到困难，请询问工作人员。用完后请点“结束”：屏幕会清除所有信息。
help-close = 关闭帮助

## Accessibility quick settings
settings-title = 让使用更方便
settings-intro = 选择对您有帮助的设置。您可以随时更改。
settings-text-size = 文字大小
settings-smaller = 缩小
settings-bigger = 放大
settings-high-contrast = 高对比度
settings-read-aloud = 朗读每个页面
settings-easy-read = 简明易读
settings-on = 开
settings-off = 关
settings-continue = 继续

## Home screen
home-title = 您想做什么？
home-tile-services = 城市服务
home-tile-services-hint = 查找服务、提交申请或预约
home-tile-learn = 学习数字技能
home-tile-learn-hint = 关于电子邮件、密码、诈骗等内容的简短课程
home-tile-say = 发表意见
home-tile-say-hint = 为服务评分或参加社区调查
home-language = 切换语言

## City services
services-title = 城市服务
services-search-label = 搜索服务
services-search-hint = 请输入一个词，例如：图书馆、住房、公交。
services-search-button = 搜索
services-browse = 或选择一个主题
services-results-title = “{ $query }”的搜索结果
services-no-results = 没有找到与这些词相关的内容。请换个词试试，或选择一个主题。
content-fallback = 以英文显示
content-fallback-notice = 此内容暂时没有您的语言版本，现以英文显示。

## A service page
service-who = 谁可以使用
service-bring = 需要带什么
service-where = 地点
service-hours = 开放时间
service-how = 使用方法
service-contact = 电话和网站
service-request = 提交申请
service-send-to-phone = 发送到我的手机
service-print = 打印
service-rate = 为这项服务评分
channel-in-person = 现场办理
channel-online = 网上办理
channel-phone = 电话办理
day-mon = 星期一
day-tue = 星期二
day-wed = 星期三
day-thu = 星期四
day-fri = 星期五
day-sat = 星期六
day-sun = 星期日
day-range = { $first }至{ $last }
hours-line = { $days }：{ $opens }至{ $closes }

## Send to my phone
qr-title = 发送到我的手机
qr-explanation = 打开手机相机，对准这个二维码。链接会在您的手机上打开。
qr-close = 关闭

## Request forms
form-optional = （选填）
form-submit = 提交我的申请
form-privacy-note = 您的姓名和电话号码在这台自助终端上已加密保护，只有市政部门可以查看。
form-fix-errors = 请检查用红色标出的项目。
form-error-required = 请填写此项。
form-error-choose = 请选择一项。
form-error-too-long = 最多可输入{ $max }个字符。
form-error-phone = 请输入电话号码：7到15位数字。
form-unavailable = 这台自助终端暂时不能接收包含个人信息的申请。请询问工作人员。

## After a request
submitted-title = 您的申请已保存
submitted-reference = 您的申请编号
submitted-print = 打印我的凭条
submitted-offline = 这台自助终端现在没有联网。恢复联网后，会马上发送您的申请。
submitted-online = 您的申请将在几分钟内发送给市政部门。

## Check a request
home-check-request = 查询申请
home-check-request-hint = 用凭条上的编号，查看您提交的申请办到哪一步了。
check-title = 查询申请
check-intro = 请输入凭条上打印的编号，或把凭条上的二维码放到扫描器下方。
check-reference-label = 编号
check-reference-hint = 12个字母和数字，和凭条上的一样。
check-button = 查询
check-asking = 正在向市政部门查询…
check-invalid = 这个编号不正确。请逐个核对字母和数字。
check-unknown = 市政部门还没有收到这个编号的申请。如果您是今天在另一台自助终端上提交的，请稍后再试。
check-unknown-offline = 这台自助终端没有这份申请的消息，现在也无法连接市政部门。请稍后再试。
check-status-received = 已收到：市政部门已收到您的申请。
check-status-in-progress = 办理中：工作人员正在处理。
check-status-resolved = 已解决。
check-status-referred = 已转交其他部门。
check-status-cannot-be-done = 市政部门无法办理此事。
check-status-waiting = 已保存在这台自助终端上。联网后会发送给市政部门。
check-note-label = 市政部门的留言
check-updated = 更新于{ $date }
check-source-server = 刚刚向市政部门查询的结果。
check-source-kiosk = 这是这台自助终端最后一次从市政部门得到的信息。它现在无法连接市政部门。
check-source-here = 这份申请是在这台自助终端上提交的。
check-print = 打印
check-another = 查询其他编号
check-printout-title = 您的申请办理进度
request-phrase-we-will-call = 工作人员会给您打电话。
request-phrase-visit-office = 请带上凭条到市政部门办公室。
request-phrase-bring-documents = 请带上凭条上列出的材料到市政部门办公室。
request-phrase-work-scheduled = 相关工作已安排。
request-phrase-fixed = 已经修好了。谢谢您告诉我们。
request-phrase-referred-elsewhere = 我们已把您的申请转交给能帮助您的部门。
request-phrase-not-city-matter = 这件事不属于市政部门的职责范围。

## Learn digital skills
learn-title = 学习数字技能
learn-intro = 带练习的简短课程。请选择一门课开始。
learn-status-new = 未开始
learn-status-started = 学习中
learn-status-passed = 已通过
learn-code-title = 您有学员码吗？
learn-code-label = 您的学员码
learn-code-hint = 9个字母和数字，和学员卡上的一样。
learn-use-code = 用我的学员码继续
learn-new-code = 获取学员码
learn-code-invalid = 这个学员码不正确。请逐个核对字母和数字。
learn-code-unknown = 欢迎回来。这台自助终端上还没有保存此学员码的学习进度。
learn-your-code = 您的学员码
learn-print-card = 打印我的学员卡
learn-step-counter = 第{ $current }步，共{ $total }步
learn-practice-counter = 第{ $current }个练习，共{ $total }个
learn-question-counter = 第{ $current }题，共{ $total }题
learn-previous = 上一步
learn-next = 下一步
learn-right = 回答正确。
learn-not-quite = 不太对。
learn-passed-title = 做得好！您通过了。
learn-failed-title = 还没通过。您可以再试一次。
learn-result-message = 您答对了{ $total }道题中的{ $score }道。答对{ $pass }道才能通过。
learn-print-certificate = 打印我的证书
learn-retry = 重新答题
learn-other-modules = 其他课程

## Have a say
say-title = 发表意见
say-intro = 告诉市政部门您的想法。您的回答是匿名的。
say-survey-detail = 几个简单的问题，无需填写姓名。
say-rate-heading = 为服务评分
rate-question = 您觉得这项服务怎么样？
rate-5 = 非常好
rate-4 = 好
rate-3 = 一般
rate-2 = 差
rate-1 = 非常差
rate-comment = 还有什么想补充的吗？
rate-comment-hint = 请不要在这里写姓名或电话号码。
rate-send = 提交我的评分
rate-choose = 请选择您的评分。
survey-next = 下一题
survey-counter = 第{ $current }题，共{ $total }题
thanks-title = 谢谢
thanks-rating = 谢谢。您的评分能帮助市政部门改进这项服务。
thanks-survey = 谢谢。您的回答能帮助市政部门规划服务。

## Messages after an action
notice-printed = 打印完成。请取走打印纸。
notice-printer-problem = 打印机现在无法使用。请使用“发送到我的手机”，或询问工作人员。
notice-speech-problem = 这台自助终端现在无法朗读。

## Printed documents
ticket-service-title = 城市服务
ticket-request-title = 您的申请
ticket-reference = 编号
ticket-offline = 这台自助终端当时没有联网。恢复联网后会发送您的申请。
ticket-scan = 扫描二维码，在手机上查看。
card-title = 学员卡
card-body = 在任何一台自助终端上使用此学员码，都可以继续学习。
certificate-title = 证书
certificate-body = 做得好！您已于{ $date }完成课程“{ $module }”。

## On-screen keyboard
keyboard-title = 屏幕键盘
keyboard-space = 空格
keyboard-delete = 删除
keyboard-shift = 大写
keyboard-done = 完成

## Kiosk status (shown to staff)
status-records-waiting = { $count }条记录等待发送

## Staff mode: for librarians and community workers (PIN or staff card)
attract-staff = 工作人员
admin-pin-title = 工作人员登录
admin-pin-label = 工作人员PIN码
admin-pin-hint = 如果不知道，请询问本站点的协调员。
admin-pin-enter = 登录
admin-pin-wrong = PIN码不正确。请再试一次。
admin-pin-not-set = 这台自助终端还没有设置工作人员PIN码。请用以下命令设置：kiosk admin set-pin
admin-pin-locked = 错误次数过多：工作人员登录已暂时锁定。需等待的分钟数：{ $minutes }
admin-pin-short = 这个工作人员PIN码太短。请用以下命令设置一个至少6位数字的新PIN码：kiosk admin set-pin
admin-title = 工作人员模式
admin-connection = 与服务器的连接
admin-online = 已联网：正在发送记录。
admin-offline = 未联网：记录暂存在这台自助终端上，稍后发送。
admin-devices = 设备
admin-no-device-news = 没有设备报告问题。
admin-test-print = 打印测试凭条
admin-force-sync = 立即同步
admin-sync-asked = 正在后台同步。
admin-learner-card = 打印新的学员卡
admin-assisted = 将本次使用标记为工作人员协助
admin-assisted-done = 本次使用已标记为工作人员协助。
admin-exit = 退出工作人员模式
admin-waiting = 等待发送的记录：{ $count }条
admin-last-success = 上次成功同步：{ $when }
admin-never = 从未
admin-sent-today = 今日已发送：{ $bytes }字节
admin-clock = 自助终端的时钟与服务器相差{ $seconds }秒。
admin-last-attempt = 上次尝试：{ $message }
admin-enrol-heading = 注册这台自助终端
admin-enrolled-as = 已注册为{ $site }（{ $neighbourhood }）的{ $kiosk }。
admin-not-enrolled = 未注册：记录暂存在这台自助终端上，注册后才会发送。
admin-enrol-label = 注册凭证或注册码
admin-enrol-hint = 请扫描工作人员网站“自助终端”页面上的二维码，或输入该页面上显示的那行凭证文字。已在该服务器注册过的自助终端只需输入注册码。
admin-enrol-button = 注册
admin-enrol-working = 正在注册，可能需要几秒钟。
admin-enrol-done = 已注册为{ $site }（{ $neighbourhood }）的{ $kiosk }。正在发送这台自助终端上等待发送的记录。
admin-enrol-empty = 请先输入或扫描注册凭证或注册码。
admin-enrol-bad-ticket = 这张凭证不完整。请重新扫描，或按“自助终端”页面上显示的内容准确输入。
admin-enrol-bad-code = 这不是注册码。注册码由字母和数字组成，例如K7PQ-M3XZ-R9AB。
admin-enrol-need-ticket = 这台自助终端还不知道要连接哪个服务器。请扫描或输入完整的凭证，而不只是注册码。
admin-enrol-refused = 服务器拒绝了这个注册码：它不正确、已被使用或已过期。请在“自助终端”页面上生成一个新的注册码。
admin-enrol-unreachable = 无法连接服务器。请检查网络后再试一次。
admin-enrol-wrong-server = 服务器的证书与凭证不符。请确认这张凭证是本市服务器的凭证。
admin-enrol-failed = 注册失败：{ $detail }
notice-battery-critical = 电池快没电了，这台自助终端可能马上会关机。请询问工作人员。
