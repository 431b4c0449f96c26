"""Liaocheng's units as of the 2018 plan. Counties, zones and chambers are real; the industry-group
list is not in our copy of the plan, so the groups and their lead departments are editable demo data.
"""

from app.core.passwords import DEMO_PASSWORD as DEMO_PASSWORD

CLUSTERS = [
    ("new_materials", "新材料", "New materials"),
    ("high_end_equipment", "高端装备制造", "High-end equipment manufacturing"),
    ("nev", "新能源汽车", "New-energy vehicles"),
    ("health", "医养健康", "Medical care and health"),
    ("nonferrous", "有色金属及金属深加工", "Non-ferrous metals and deep processing"),
    ("green_chemicals", "绿色化工", "Green chemicals"),
    ("textiles", "纺织服装", "Textiles and apparel"),
    ("culture_tourism", "文化旅游", "Culture and tourism"),
    ("modern_agriculture", "现代高效农业", "Modern efficient agriculture"),
]

OFFICE = ("OFFICE", "聊城市新旧动能转换产业招商领导小组办公室", "Industry Investment Leading Group Office")

# administrative division codes
COUNTIES = [
    ("371502", "东昌府区", "Dongchangfu District"),
    ("371581", "临清市", "Linqing City"),
    ("371521", "阳谷县", "Yanggu County"),
    ("371522", "莘县", "Shen County"),
    ("371523", "茌平县", "Chiping County (Chiping District since 2019)"),
    ("371524", "东阿县", "Dong'e County"),
    ("371525", "冠县", "Guan County"),
    ("371526", "高唐县", "Gaotang County"),
]

DEV_ZONES = [
    ("ZONE-ETDZ", "聊城经济技术开发区", "Liaocheng Economic and Technological Development Zone"),
    ("ZONE-HTZ", "聊城高新技术产业开发区", "Liaocheng High-tech Industrial Development Zone"),
    ("ZONE-JBSC", "江北水城旅游度假区", "Jiangbei Shuicheng Tourist Resort"),
]

DEPARTMENTS = [
    ("DEPT-JXW", "市经济和信息化委员会", "Economy and Information Technology Commission"),
    ("DEPT-FGW", "市发展和改革委员会", "Development and Reform Commission"),
    ("DEPT-KJJ", "市科学技术局", "Science and Technology Bureau"),
    ("DEPT-WJW", "市卫生和计划生育委员会", "Health and Family Planning Commission"),
    ("DEPT-MZJ", "市民政局", "Civil Affairs Bureau"),
    ("DEPT-GZW", "市国有资产监督管理委员会", "State-owned Assets Supervision Commission"),
    ("DEPT-HBJ", "市环境保护局", "Environmental Protection Bureau"),
    ("DEPT-SWJ", "市商务局", "Commerce Bureau"),
    ("DEPT-LFW", "市旅游发展委员会", "Tourism Development Commission"),
    ("DEPT-WGXJ", "市文化广电新闻出版局", "Culture, Radio, TV and Press Bureau"),
    ("DEPT-NYJ", "市农业局", "Agriculture Bureau"),
    ("DEPT-JRB", "市金融工作办公室", "Finance Office"),
    ("DEPT-CZJ", "市财政局", "Finance Bureau"),
    ("DEPT-GTJ", "市国土资源局", "Land and Resources Bureau"),
    ("DEPT-RSJ", "市人力资源和社会保障局", "Human Resources and Social Security Bureau"),
    ("DEPT-WQB", "市外事侨务办公室", "Foreign and Overseas Chinese Affairs Office"),
]

# code, name, leader, lead department codes, cluster codes
GROUPS = [
    ("GRP-01", "新材料产业招商团组", "分管副市长（示例）", ["DEPT-JXW"], ["new_materials"]),
    ("GRP-02", "高端装备制造产业招商团组", "分管副市长（示例）", ["DEPT-KJJ"], ["high_end_equipment"]),
    ("GRP-03", "新能源汽车产业招商团组", "分管副市长（示例）", ["DEPT-FGW"], ["nev"]),
    ("GRP-04", "医养健康产业招商团组", "分管副市长（示例）", ["DEPT-WJW", "DEPT-MZJ"], ["health"]),
    ("GRP-05", "有色金属及金属深加工产业招商团组", "分管副市长（示例）", ["DEPT-GZW"], ["nonferrous"]),
    ("GRP-06", "绿色化工产业招商团组", "分管副市长（示例）", ["DEPT-HBJ"], ["green_chemicals"]),
    ("GRP-07", "纺织服装产业招商团组", "分管副市长（示例）", ["DEPT-SWJ"], ["textiles"]),
    ("GRP-08", "文化旅游产业招商团组", "分管副市长（示例）", ["DEPT-LFW", "DEPT-WGXJ"], ["culture_tourism"]),
    ("GRP-09", "现代高效农业产业招商团组", "分管副市长（示例）", ["DEPT-NYJ"], ["modern_agriculture"]),
    ("GRP-10", "现代金融服务业招商团组", "分管副市长（示例）", ["DEPT-JRB"], []),
    ("GRP-11", "新一代信息技术产业招商团组", "分管副市长（示例）", ["DEPT-JXW"], ["high_end_equipment"]),
]

CHAMBERS = [
    ("CHB-BJ", "北京聊城商会", "Liaocheng Chamber of Commerce in Beijing"),
    ("CHB-SH", "上海聊城商会", "Liaocheng Chamber of Commerce in Shanghai"),
    ("CHB-SZ", "深圳聊城商会", "Liaocheng Chamber of Commerce in Shenzhen"),
    ("CHB-TJ", "天津聊城商会", "Liaocheng Chamber of Commerce in Tianjin"),
    ("CHB-GZ", "广州聊城商会", "Liaocheng Chamber of Commerce in Guangzhou"),
    ("CHB-HZ", "杭州聊城商会", "Liaocheng Chamber of Commerce in Hangzhou"),
]


# username, display name, role, unit code (None: not bound)
DEMO_USERS = [
    ("admin", "系统管理员", "admin", None),
    ("office", "办公室 王科长", "office", "OFFICE"),
    ("office2", "办公室 李干事", "office", "OFFICE"),
    ("office3", "办公室 赵干事", "office", "OFFICE"),  # a third clerk: four eyes when two others worked on a record
    ("leader", "市领导（只读）", "leader", None),
    ("dcf_editor", "东昌府区 录入员", "unit_editor", "371502"),
    ("dcf_viewer", "东昌府区 查看员", "unit_viewer", "371502"),
    ("linqing_editor", "临清市 录入员", "unit_editor", "371581"),
    ("etdz_editor", "经开区 录入员", "unit_editor", "ZONE-ETDZ"),
    ("grp01_editor", "新材料团组 录入员", "unit_editor", "GRP-01"),
    ("jxw_editor", "市经信委 录入员", "unit_editor", "DEPT-JXW"),
    ("chb_bj_editor", "北京聊城商会 录入员", "unit_editor", "CHB-BJ"),
]
