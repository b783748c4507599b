"""Messages of the evidence domain (cyber brigade): refusals, upload and storage failures, the
custody chain's findings and takedown states. Keys are the codes and reasons the evidence
service raises; a unit test (tests/unit/test_evidence_messages.py) checks none is missing."""
from weiquan.contracts.policy.evidence import KINDS

_KINDS = ", ".join(KINDS)

MESSAGES = {
    # who may
    "evidence_role": ("该角色无权操作证据", "This role may not do this with evidence"),
    "case_not_visible": ("无权查看此案件", "You may not see this case"),
    "not_your_upload": ("无权上传", "Not your upload"),
    # the upload's life
    "upload_expired": ("上传已开始、已结束或已过期", "Upload already started, finished or expired"),
    "upload_swept": ("上传超时已被清理", "Upload timed out and was cleaned up"),
    "empty_file": ("文件为空", "The file is empty"),
    "content_mismatch": ("文件内容与证据类型不符", "File content does not match kind {kind}"),
    "length_mismatch": ("收到 {received} 字节，声明为 {declared}",
                        "Received {received} bytes, {declared} declared"),
    "upload_broken": ("上传中断，文件不完整",
                      "Upload broke off before the end: the file is incomplete"),
    # the store and the database (adapter failures, same catalogue)
    "storage_unavailable": ("证据存储暂不可用，请稍后重试",
                            "Evidence storage is unavailable; retry later"),
    "storage_unreadable": ("无法校验已存储的证据，请稍后重试",
                           "Could not verify the stored object; retry later"),
    "storage_verification_failed": ("存储校验失败（哈希不一致）",
                                    "The stored object does not match what was sent"),
    "registration_failed": ("证据登记失败，请重试", "Registering the evidence failed; retry"),
    "hold_failed": ("存储拒绝了法律保留", "The store refused the hold: {error}"),
    # the gateway's signed principal on the internal upload endpoint
    "bad_signature": ("内部调用签名无效", "Bad internal signature: {problem}"),
    "signature_for_other_upload": ("签名与上传不符", "Signature is for another upload"),
    # takedowns
    "invalid_transition": ("不能从 {current} 变为 {new}（可选：{allowed}）",
                           "Cannot go from {current} to {new} (allowed: {allowed})"),
    "takedown_closed": ("下架请求已是最终状态 {current}，不能再变为 {new}",
                        "The takedown is already {current} (final); it cannot become {new}"),
    "unknown_takedown_status": ("未知状态 {new}（可选：{allowed}）",
                                "Unknown status {new} (allowed: {allowed})"),
    # findings of verify_custody
    "sequence_gap": ("第 {expected} 条记录缺失或顺序错乱", "entry {expected} is missing or out of order"),
    "broken_link": ("与前一条记录的哈希不连续", "prev_hash does not match the previous entry"),
    "foreign_entry": ("记录不属于该证据", "entry belongs to another piece of evidence"),
    "hash_mismatch": ("记录内容被改动", "entry content does not match its hash"),
    "count_mismatch": ("记录数 {entries} 与登记的 {registered} 不符",
                       "{entries} entries, {registered} registered"),
    "head_mismatch": ("链尾哈希与登记的不符", "last hash does not match the registered head"),
    "no_upload_entry": ("缺少上传记录", "the chain does not start with the upload"),
    "sha256_mismatch": ("证据哈希与上传记录不符", "the evidence's sha256 differs from the upload entry"),
}

FIELD_PROBLEMS = {
    "missing_kind": ("缺少证据类型", "Missing kind"),
    "unknown_kind": (f"证据类型须为 {_KINDS} 之一", f"Kind must be one of: {_KINDS}"),
    "missing_filename": ("缺少文件名", "Missing file name"),
    "path_separator": ("文件名不能包含路径分隔符", "File name must not contain path separators"),
    "dot_dot": ("文件名不能包含 '..'", "File name must not contain '..'"),
    "control_character": ("文件名不能包含控制字符", "File name must not contain control characters"),
    "surrounding_space": ("文件名首尾不能有空白", "File name must not start or end with white space"),
    "name_too_long": ("文件名过长（最多 {max_bytes} 字节）", "File name longer than {max_bytes} bytes"),
    "capture_needs_url": ("网页取证须提供网址且类型为 web_capture",
                          "A web capture needs a URL and kind web_capture"),
    "bad_head_encoding": ("文件头编码无效", "Bad file head encoding"),
    "empty_file": ("文件为空", "The file is empty"),
    "content_mismatch": ("内容不是有效的 {kind} 文件", "Content is not a {kind} file"),
    "length_mismatch": ("收到 {received} 字节，声明为 {declared}",
                        "Received {received} bytes, {declared} declared"),
    "upload_broken": ("上传中断，文件不完整",
                      "Upload broke off before the end: the file is incomplete"),
    "no_such_capture": ("该案件没有此网页取证", "No such web capture on this case"),
    "invalid_transition": MESSAGES["invalid_transition"],
    "takedown_closed": MESSAGES["takedown_closed"],
    "unknown_takedown_status": MESSAGES["unknown_takedown_status"],
}

THINGS = {
    "evidence": ("证据", "Evidence"),
    "upload": ("上传", "Upload"),
    "takedown": ("下架请求", "Takedown request"),
}
