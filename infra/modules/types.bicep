// Types shared between main.bicep and the modules.

@export()
@description('NCRONTAB expressions (six fields, with seconds) for the timer-triggered sweeps.')
type sweepSchedules = {
  @description('Sweeps__DisqualifyNoContact__Schedule')
  disqualifyNoContact: string

  @description('Sweeps__RecycleDark__Schedule')
  recycleDark: string

  @description('Sweeps__FlagCheckBacks__Schedule')
  flagCheckBacks: string

  @description('Sweeps__FlagSlaBreaches__Schedule')
  flagSlaBreaches: string

  @description('Sweeps__AssignQueued__Schedule')
  assignQueued: string

  @description('Sweeps__SuppressUnengaged__Schedule')
  suppressUnengaged: string

  @description('Sweeps__DecayInterest__Schedule')
  decayInterest: string
}
