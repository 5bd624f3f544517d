import type { HazardCategory } from "@luoshi/contract";

/**
 * Default inspection checklists per hazard category, from the items the reference lists
 * (../shared/reference/campus-safety-hazards.md); a region replaces them in its settings.
 */
export const DEFAULT_CHECKLISTS: Partial<Record<HazardCategory, string[]>> = {
  buildings: ["墙体有无裂缝", "屋面有无渗漏", "楼梯扶手、护栏是否牢固", "门窗是否完好", "有无危房未停用"],
  fire: ["灭火器是否在有效期内", "消火栓是否完好", "疏散通道是否畅通", "应急照明是否正常", "自动报警是否正常"],
  utilities: ["配电箱是否上锁完好", "线路有无老化", "燃气管道有无泄漏", "锅炉、电梯是否按期检验"],
  food: ["从业人员健康证是否有效", "食材采购索证索票", "加工场所卫生", "留样是否规范"],
  traffic: ["校车是否按期检修", "驾驶员资质是否有效", "上下学交通疏导", "护学岗是否到位"],
  laboratory: ["危化品存储与领用登记", "通风设施是否正常", "实验用品仓库是否上锁"],
  crowded_places: ["宿舍安全", "食堂安全", "教学楼安全", "礼堂安全"],
  security: ["专职保安员是否在岗", "是否封闭化管理", "一键式紧急报警是否正常", "视频监控是否正常"],
  drowning: ["周边水域警示标志", "防溺水巡查是否落实"],
  surroundings: ["校门两侧道路秩序", "流动摊贩", "交通标识是否完好"],
};
